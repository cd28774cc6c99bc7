import Foundation
import Grammar

extension HTTPClient {
    /// Sends `request` and decodes the 2xx JSON answer (or the simulated one) as `Reply`.
    /// A malformed answer (truncated, wrong types, HTML, an error object) is `.decoding`, never a crash.
    public func send<Reply: Decodable>(
        _ request: OutboundRequest, expecting type: Reply.Type, deadline: ContinuousClock.Instant? = nil,
        simulated: @autoclosure () -> OutboundResponse
    ) async throws(HTTPClientError) -> Reply {
        let response = try await send(request, deadline: deadline, simulated: simulated())
        return try Self.decode(type, from: response, for: request)
    }

    /// Decodes a JSON answer, turning every way it can be wrong into a `.decoding` error with a redacted excerpt.
    public static func decode<Reply: Decodable>(
        _ type: Reply.Type, from response: OutboundResponse, for request: OutboundRequest
    ) throws(HTTPClientError) -> Reply {
        let secrets = request.token.map { [$0.secret] } ?? []
        func failure(_ problem: String) -> HTTPClientError {
            HTTPClientError(
                kind: .decoding, method: request.method, target: request.target,
                detail: "\(problem) (HTTP \(response.status), body: \(Redaction.excerpt(of: response.body, removing: secrets)))")
        }
        if let contentType = response.header("Content-Type"), !ProviderJSON.isJSON(contentType: contentType) {
            let type = contentType.lowercased()
            throw failure("expected JSON, got \(type.split(separator: ";").first.map(String.init) ?? type)")
        }
        guard !response.body.isEmpty else { throw failure("expected JSON, got an empty body") }
        if let flat = type as? any FlatJSONDecodable.Type, let object = FlatJSONObject(response.body),
            let reply = flat.init(flatJSON: object) as? Reply
        {
            return reply
        }
        do {
            return try ProviderJSON.decoder.decode(type, from: response.body)
        } catch let error as DecodingError {
            if ProviderJSON.isErrorObject(response.body) { throw failure("the provider answered with an error object") }
            throw failure(ProviderJSON.describe(error))
        } catch {
            throw failure("unreadable JSON")
        }
    }
}

/// JSON conventions of the provider contracts.
public enum ProviderJSON {
    /// The decoder of provider answers: ISO 8601 dates with or without fractional seconds. One for the process: a
    /// decode does not change it, and making one per answer showed in the drain's profile.
    public static let decoder = makeDecoder()

    private static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            guard let date = date(from: try container.decode(String.self)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date")
            }
            return date
        }
        return decoder
    }

    private static let jsonBytes: [UInt8] = Array("json".utf8)

    /// Whether a Content-Type names JSON, in any case: `application/json`, `…+json`, with parameters or not.
    public static func isJSON(contentType: String) -> Bool {
        // A byte scan over the text as it is, lowercasing letters on the way (`| 0x20` maps only `J`, `S`, `O`, `N` onto
        // the letters sought): substring searches and lowercasing each answer's type showed in the drain's profile.
        var matched = 0
        for byte in contentType.utf8 {
            let folded = byte | 0x20
            matched = folded == jsonBytes[matched] ? matched + 1 : (folded == UInt8(ascii: "j") ? 1 : 0)
            if matched == 4 { return true }
        }
        return false
    }

    /// A provider's date: ISO 8601 with or without fractional seconds.
    public static func date(from text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// A one-line account of what did not match, naming the field path but never its value.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the top level" : "`" + codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + "`"
        }
        switch error {
        case .typeMismatch(let type, let context): return "wrong type at \(path(context.codingPath)), expected \(type)"
        case .valueNotFound(let type, let context): return "null at \(path(context.codingPath)), expected \(type)"
        case .keyNotFound(let key, let context): return "missing `\(key.stringValue)` in \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON (truncated or garbled)" : "invalid value at \(path(context.codingPath))"
        @unknown default: return "does not match the contract"
        }
    }

    /// Whether the body is an object with an `error` member (some providers answer 200 with one).
    static func isErrorObject(_ body: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return false }
        return object["error"] != nil || object["errors"] != nil
    }
}
