/// A JSON document built by the compilers. Objects have no order of their own: the encoder sorts
/// their keys, so the same value always prints to the same bytes.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    /// An object without the entries whose value is nil, for optional properties.
    public static func compact(_ entries: [String: JSONValue?]) -> JSONValue {
        .object(entries.compactMapValues { $0 })
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let entries) = self { return entries[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements) { _, last in last })
    }
}

extension JSONValue {
    /// `["a", "b"]` as a JSON array of strings.
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}

extension JSONValue {
    /// The entries of an object (empty for anything else), to pass a `compact` object on as properties.
    public var objectEntries: [String: JSONValue] {
        if case .object(let entries) = self { return entries }
        return [:]
    }
}
