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
    /// Where it goes, split into origin and target (see `RequestURL`); `url` is the Foundation view of it.
    public var requestURL: RequestURL
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
        method: HTTPMethod, url: RequestURL, headers: [String: String] = [:], body: Data? = nil,
        token: BearerToken? = nil, idempotencyKey: String? = nil, bodySummary: String? = nil
    ) {
        self.method = method
        requestURL = url
        self.headers = headers
        self.body = body
        self.token = token
        self.idempotencyKey = idempotencyKey
        self.bodySummary = bodySummary
    }

    /// The Foundation URL (made on each call when an endpoint built the request: not for the hot path).
    public var url: URL { requestURL.url }

    /// A GET that expects JSON back.
    public static func get(_ url: RequestURL, token: BearerToken?) -> OutboundRequest {
        OutboundRequest(method: .get, url: url, headers: acceptJSON, token: token)
    }

    /// A request with a JSON body. Encoding our own models does not fail in practice; if it does, it is `.invalidRequest`.
    public static func json<Body: Encodable>(
        _ method: HTTPMethod, _ url: RequestURL, body: Body, token: BearerToken?, idempotencyKey: String?,
        bodySummary: String? = nil
    ) throws(HTTPClientError) -> OutboundRequest {
        let data: Data
        do {
            data = try (body as? any JSONBodyWritable)?.jsonBody ?? bodyEncoder.encode(body)
        } catch {
            throw HTTPClientError(
                kind: .invalidRequest, method: method, target: Redaction.target(of: url.url),
                detail: "the request body could not be encoded as JSON")
        }
        return OutboundRequest(
            method: method, url: url,
            headers: sendsJSON,
            body: data, token: token, idempotencyKey: idempotencyKey, bodySummary: bodySummary)
    }

    // Shared, so that building a request does not hash and allocate its headers anew.
    private static let acceptJSON = ["Accept": "application/json"]
    private static let sendsJSON = ["Accept": "application/json", "Content-Type": "application/json"]

    /// Every header that goes on the wire, including the ones built from `token` and `idempotencyKey` (the transports
    /// use `forEachWireHeader`, which builds no dictionary).
    public var wireHeaders: [String: String] {
        var all: [String: String] = [:]
        forEachWireHeader { all[$0] = $1 }
        return all
    }

    /// Calls `body` with each header `wireHeaders` holds, without building the dictionary: `headers` first (but the
    /// ones `token` and `idempotencyKey` replace), then Authorization, Idempotency-Key and User-Agent.
    public func forEachWireHeader(_ body: (_ name: String, _ value: String) throws -> Void) rethrows {
        var hasUserAgent = false  // seen in the loop: a lookup by name hashed it again per request
        for (name, value) in headers where !(token != nil && name == "Authorization") && !(idempotencyKey != nil && name == "Idempotency-Key") {
            if name == "User-Agent" { hasUserAgent = true }
            try body(name, value)
        }
        if let token { try body("Authorization", token.headerValue) }
        if let idempotencyKey { try body("Idempotency-Key", idempotencyKey) }
        if !hasUserAgent { try body("User-Agent", "cronjob") }
    }

    /// `host:port/path`, what logs and errors show: no scheme, credentials or query.
    public var target: String { Redaction.target(of: url) }
}
