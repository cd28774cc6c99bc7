/// A JSON object whose members are strings, numbers, booleans or null, never nested: what the providers answer and
/// what a notification's payload is. Read without Foundation's coders, which showed in the drain's profile. Anything
/// else (nesting, invalid JSON or UTF-8) is nil, so a caller falls back to `JSONDecoder` and its error descriptions.
public struct FlatJSONObject: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case string(String)
        /// The number's JSON text, as written.
        case number(String)
        case bool(Bool)
        case null

        /// Strings as they are, the others as their JSON text.
        var text: String {
            switch self {
            case .string(let text): text
            case .number(let text): text
            case .bool(let flag): flag ? "true" : "false"
            case .null: "null"
            }
        }
    }

    /// The members in document order. A list, not a dictionary: answers have a few members, and hashing each name
    /// showed in the drain's profile.
    private let pairs: [Member]

    struct Member {
        let name: String
        let value: Value
    }

    public init?(_ utf8: some Collection<UInt8>) {
        guard let pairs = utf8.withContiguousStorageIfAvailable(FlatJSONReader.object(in:))
            ?? Array(utf8).withUnsafeBufferPointer(FlatJSONReader.object(in:))
        else { return nil }
        self.pairs = pairs
    }

    public static func == (a: FlatJSONObject, b: FlatJSONObject) -> Bool { a.members == b.members }

    /// The members by name; a repeated name keeps its last value.
    public var members: [String: Value] { Dictionary(pairs.lazy.map { ($0.name, $0.value) }) { _, last in last } }

    /// The member named `name` (the last one if the name repeats).
    public func value(_ name: String) -> Value? { pairs.last { $0.name == name }?.value }

    public func string(_ name: String) -> String? {
        if case .string(let text)? = value(name) { return text }
        return nil
    }

    /// Every member as text: strings as they are, the others as their JSON text (`null`, `true`, `12.5`).
    public var textMembers: [String: String] {
        Dictionary(pairs.lazy.map { ($0.name, $0.value.text) }) { _, last in last }
    }
}

/// One flat object off a `JSONScanner`.
private enum FlatJSONReader {
    static func object(in bytes: UnsafeBufferPointer<UInt8>) -> [FlatJSONObject.Member]? {
        var scanner = JSONScanner(UnsafeRawBufferPointer(bytes))
        var members: [FlatJSONObject.Member] = []
        let isFlatObject = scanner.object { key, scanner in
            guard let name = scanner.decodedString(key), let value = value(&scanner) else { return false }
            members.append(FlatJSONObject.Member(name: name, value: value))
            return true
        }
        return isFlatObject ? members : nil
    }

    /// A member's value; nil when it is malformed or nested.
    private static func value(_ scanner: inout JSONScanner) -> FlatJSONObject.Value? {
        switch scanner.peek {
        case UInt8(ascii: "\"")?: return scanner.string().flatMap(scanner.decodedString).map { .string($0) }
        case UInt8(ascii: "t")?: return scanner.literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f")?: return scanner.literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n")?: return scanner.literal("null") ? .null : nil
        case UInt8(ascii: "{")?, UInt8(ascii: "[")?, nil: return nil
        default:
            return scanner.number().map { range in
                .number(String(decoding: UnsafeRawBufferPointer(rebasing: scanner.bytes[range]), as: UTF8.self))
            }
        }
    }
}
