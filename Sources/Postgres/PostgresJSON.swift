import Foundation

/// A `jsonb` value held as raw JSON text; encode and decode with Foundation's JSON coders.
public struct PostgresJSON: Sendable, Hashable, PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .jsonb }

    /// The JSON text as sent to or received from the server.
    public var rawJSON: String
    public var postgresText: String { rawJSON }

    /// Wraps JSON text as is; the server validates it.
    public init(rawJSON: String) { self.rawJSON = rawJSON }

    /// Encodes a value with sorted keys (stable text, so equal values compare equal before reaching the server).
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            rawJSON = String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw PostgresError.client("could not encode \(type(of: value)) as JSON")
        }
    }

    public init(postgresText: String, type: PostgresType) throws { rawJSON = postgresText }

    /// Decodes the JSON text into `T`; the error names the type and the failing key path, never the values.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(rawJSON.utf8))
        } catch let error as DecodingError {
            throw PostgresError.decoding("could not decode JSON as \(T.self)\(Self.location(of: error))")
        } catch {
            throw PostgresError.decoding("could not decode JSON as \(T.self)")
        }
    }

    private static func location(of error: DecodingError) -> String {
        let path: [any CodingKey]
        let reason: String
        switch error {
        case .keyNotFound(let key, let context): (path, reason) = (context.codingPath + [key], "missing key")
        case .typeMismatch(_, let context): (path, reason) = (context.codingPath, "wrong type")
        case .valueNotFound(_, let context): (path, reason) = (context.codingPath, "null value")
        case .dataCorrupted(let context): (path, reason) = (context.codingPath, "invalid JSON")
        @unknown default: return ""
        }
        let keys = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return ": \(reason)" + (keys.isEmpty ? "" : " at \(keys)")
    }
}
