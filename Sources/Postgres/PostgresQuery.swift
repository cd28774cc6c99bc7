import Foundation

/// SQL text plus its parameters. String interpolations become `$1`, `$2`, ... binds, never SQL text:
/// `"SELECT * FROM users WHERE email = \(email)"`.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    public private(set) var sql: String
    public private(set) var binds: [(any PostgresEncodable)?]

    public var bindCount: Int { binds.count }

    /// SQL given as is; `$n` placeholders refer to `binds` (nil is NULL). Never build `unsafeSQL` from input.
    public init(unsafeSQL: String, binds: [(any PostgresEncodable)?] = []) {
        self.sql = unsafeSQL
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var sql = ""
        var binds: [(any PostgresEncodable)?] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// A bind parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// A bind parameter; nil is sent as NULL (typed, so `\(nil as Int?)` still has a type).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            if let value {
                binds.append(value)
            } else {
                // Wrap the typed nil explicitly, or it would collapse into an untyped nil bind.
                let typedNull: any PostgresEncodable = Optional<Value>.none
                binds.append(.some(typedNull))
            }
            sql += "$\(binds.count)"
        }

        /// A double-quoted identifier (table, column), with embedded quotes doubled.
        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quoteIdentifier(identifier)
        }

        /// Raw SQL text. Only for trusted constants (e.g. a table name from code), never for input.
        public mutating func appendInterpolation(unescaped: String) {
            sql += unescaped
        }
    }

    /// `"name"` with embedded double quotes doubled (PostgreSQL's quote_ident).
    public static func quoteIdentifier(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension PostgresQuery: CustomStringConvertible {
    /// The SQL and the bind count; bind values are never printed.
    public var description: String { bindCount == 0 ? sql : "\(sql) [\(bindCount) binds]" }
}
