/// Integers travel as decimal text; decoding accepts any integer column that fits the Swift type.
private func decodeInteger<T: FixedWidthInteger>(_ text: String, as: T.Type) throws -> T {
    guard let value = T(text) else {
        throw PostgresError.decoding("not a valid \(T.self) (out of range or not an integer)")
    }
    return value
}

extension Int: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int8 }
    public var postgresText: String { String(self) }
    public init(postgresText: String, type: PostgresType) throws { self = try decodeInteger(postgresText, as: Int.self) }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int8 }
    public var postgresText: String { String(self) }
    public init(postgresText: String, type: PostgresType) throws { self = try decodeInteger(postgresText, as: Int64.self) }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int4 }
    public var postgresText: String { String(self) }
    public init(postgresText: String, type: PostgresType) throws { self = try decodeInteger(postgresText, as: Int32.self) }
}

extension Int16: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int2 }
    public var postgresText: String { String(self) }
    public init(postgresText: String, type: PostgresType) throws { self = try decodeInteger(postgresText, as: Int16.self) }
}
