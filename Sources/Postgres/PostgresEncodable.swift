/// A Swift value that can be sent to PostgreSQL as a typed text-format parameter.
public protocol PostgresEncodable: Sendable {
    /// The parameter type sent with the value (an explicit OID, so the server never guesses).
    static var postgresType: PostgresType { get }
    /// The value in PostgreSQL's text input format.
    var postgresText: String { get }
    /// The text to send, or nil for SQL NULL. Only `Optional` overrides the default.
    var postgresTextOrNull: String? { get }
}

extension PostgresEncodable {
    public var postgresTextOrNull: String? { postgresText }
}

/// A Swift value that can be built from PostgreSQL's text output format.
public protocol PostgresDecodable {
    /// Throws `PostgresError(kind: .decoding)` when the text is not a valid value of this type.
    init(postgresText: String, type: PostgresType) throws
}

/// The type of an encoded value, via the dynamic type (so `any PostgresEncodable` binds keep their OID).
extension PostgresEncodable {
    var dynamicPostgresType: PostgresType { Self.postgresType }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresType { Wrapped.postgresType }
    /// Only meaningful for `.some`; NULL is sent through `postgresTextOrNull`.
    public var postgresText: String { self?.postgresText ?? "" }
    public var postgresTextOrNull: String? { self?.postgresTextOrNull }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresText: String, type: PostgresType) throws {
        self = .some(try Wrapped(postgresText: postgresText, type: type))
    }
}

/// Types that turn SQL NULL into a value (only `Optional`); everything else throws on NULL.
protocol PostgresNullDecodable {
    static var postgresNull: Self { get }
}

extension Optional: PostgresNullDecodable where Wrapped: PostgresDecodable {
    static var postgresNull: Self { .none }
}

extension PostgresDecodable {
    /// Decodes a possibly NULL text value; `describe` names the column or element for the error.
    static func decodeNullable(_ text: String?, type: PostgresType) throws -> Self? {
        if let text { return try Self(postgresText: text, type: type) }
        if let nullType = Self.self as? any PostgresNullDecodable.Type, let value = nullType.postgresNull as? Self {
            return value
        }
        return nil
    }
}
