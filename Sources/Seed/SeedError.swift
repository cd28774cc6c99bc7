/// Why a seed did not run. Safe to print.
public struct SeedError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// An option is out of range (a usage error, exit 64).
        case invalidOption
        /// The target is a production environment (exit 64).
        case productionRefused
        /// The tables already hold rows and `replaceExisting` was not set (exit 64).
        case notEmpty
        /// The example schema is missing: run `cronjob migrate --example-schema` first (exit 78).
        case schemaMissing
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
