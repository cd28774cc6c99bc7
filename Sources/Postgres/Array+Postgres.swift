import Foundation

/// Element types that PostgreSQL arrays can hold, with the array type sent as the bind's OID.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    static var postgresArrayType: PostgresType { get }
}

extension Int: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int8Array } }
extension Int64: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int8Array } }
extension Int32: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int4Array } }
extension Int16: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int2Array } }
extension String: PostgresArrayElement { public static var postgresArrayType: PostgresType { .textArray } }
extension Bool: PostgresArrayElement { public static var postgresArrayType: PostgresType { .boolArray } }
extension Double: PostgresArrayElement { public static var postgresArrayType: PostgresType { .float8Array } }
extension Float: PostgresArrayElement { public static var postgresArrayType: PostgresType { .float4Array } }
extension UUID: PostgresArrayElement { public static var postgresArrayType: PostgresType { .uuidArray } }
extension Date: PostgresArrayElement { public static var postgresArrayType: PostgresType { .timestamptzArray } }

/// `[String?]` and friends: NULL elements.
extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    public static var postgresArrayType: PostgresType { Wrapped.postgresArrayType }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresType { Element.postgresArrayType }
    // A closure, not `\.postgresTextOrNull`: the key path went through swift_getAtKeyPath per element (drain profile).
    public var postgresText: String { PostgresArrayText.format(map { $0.postgresTextOrNull }) }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public init(postgresText: String, type: PostgresType) throws {
        let elementType = type.elementType ?? Element.postgresType
        self = try PostgresArrayText.parse(postgresText).enumerated().map { index, text in
            guard let value = try Element.decodeNullable(text, type: elementType) else {
                throw PostgresError.decoding("array element \(index + 1) is NULL; decode as an array of optionals")
            }
            return value
        }
    }
}
