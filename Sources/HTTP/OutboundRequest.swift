import Foundation

/// The encoder of request bodies (sorted keys: the same message is the same bytes). One for the process: an encode does
/// not change it.
private let bodyEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
}()

/// One request to a provider, before retries. The client adds Authorization and Idempotency-Key from the fields.
public struct OutboundRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    /// Extra headers. Never logged or recorded.
    public var headers: [String: String]
    public var body: Data?
    /// Sent as `Authorization: Bearer …`; never logged, recorded or printed.
    public var token: BearerToken?
    /// Required when `method.changesState`; the same key goes out on every retry.
    public var idempotencyKey: String?
    /// What a dry-run plan shows for the body; when nil the client derives a redacted summary from the JSON body.
    public var bodySummary: String?

    public init(
        method: HTTPMethod, url: URL, headers: [String: String] = [:], body: Data? = nil,
        token: BearerToken? = nil, idempotencyKey: String? = nil, bodySummary: String? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.token = token
        self.idempotencyKey = idempotencyKey
        self.bodySummary = bodySummary
    }

    /// A GET that expects JSON back.
    public static func get(_ url: URL, token: BearerToken?) -> OutboundRequest {
        OutboundRequest(method: .get, url: url, headers: ["Accept": "application/json"], token: token)
    }

    /// A request with a JSON body. Encoding our own models does not fail in practice; if it does, it is `.invalidRequest`.
    public static func json<Body: Encodable>(
        _ method: HTTPMethod, _ url: URL, body: Body, token: BearerToken?, idempotencyKey: String?,
        bodySummary: String? = nil
    ) throws(HTTPClientError) -> OutboundRequest {
        let data: Data
        do {
            data = try (body as? any JSONBodyWritable)?.jsonBody ?? bodyEncoder.encode(body)
        } catch {
            throw HTTPClientError(
                kind: .invalidRequest, method: method, target: Redaction.target(of: url),
                detail: "the request body could not be encoded as JSON")
        }
        return OutboundRequest(
            method: method, url: url,
            headers: ["Accept": "application/json", "Content-Type": "application/json"],
            body: data, token: token, idempotencyKey: idempotencyKey, bodySummary: bodySummary)
    }

    /// Every header that goes on the wire, including the ones built from `token` and `idempotencyKey`.
    public var wireHeaders: [String: String] {
        var all = headers
        if let token { all["Authorization"] = "Bearer \(token.secret)" }
        if let idempotencyKey { all["Idempotency-Key"] = idempotencyKey }
        if all["User-Agent"] == nil { all["User-Agent"] = "cronjob" }
        return all
    }

    /// `host:port/path`, what logs and errors show: no scheme, credentials or query.
    public var target: String { Redaction.target(of: url) }
}
