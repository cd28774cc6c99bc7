import Foundation

extension String: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .text }
    public var postgresText: String { self }
    /// Any column can be read as its text form.
    public init(postgresText: String, type: PostgresType) throws { self = postgresText }
}

extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .bool }
    public var postgresText: String { self ? "t" : "f" }
    public init(postgresText: String, type: PostgresType) throws {
        switch postgresText {
        case "t", "true", "TRUE", "on", "1", "y", "yes": self = true
        case "f", "false", "FALSE", "off", "0", "n", "no": self = false
        default: throw PostgresError.decoding("not a valid Bool")
        }
    }
}

/// PostgreSQL spells the special values NaN, Infinity, -Infinity; Swift prints nan, inf, -inf.
private func floatText<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return value.description
}

private func decodeFloat<T: BinaryFloatingPoint & LosslessStringConvertible>(_ text: String, as: T.Type) throws -> T {
    switch text {
    case "NaN": return .nan
    case "Infinity": return .infinity
    case "-Infinity": return -.infinity
    default:
        guard let value = T(text) else { throw PostgresError.decoding("not a valid \(T.self)") }
        return value
    }
}

extension Double: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .float8 }
    public var postgresText: String { floatText(self) }
    public init(postgresText: String, type: PostgresType) throws { self = try decodeFloat(postgresText, as: Double.self) }
}

extension Float: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .float4 }
    public var postgresText: String { floatText(self) }
    public init(postgresText: String, type: PostgresType) throws { self = try decodeFloat(postgresText, as: Float.self) }
}

extension UUID: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .uuid }
    public var postgresText: String { uuidString.lowercased() }
    public init(postgresText: String, type: PostgresType) throws {
        guard let value = UUID(uuidString: postgresText) else { throw PostgresError.decoding("not a valid UUID") }
        self = value
    }
}
