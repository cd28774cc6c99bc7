/// One problem found while compiling, naming the environment or job it is about.
public struct CompileDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    /// What the finding is about, e.g. `environment production` or `job sync-payments`.
    public var subject: String
    public var message: String

    public init(_ severity: Severity, _ subject: String, _ message: String) {
        self.severity = severity
        self.subject = subject
        self.message = message
    }

    public static func error(_ subject: String, _ message: String) -> Self { Self(.error, subject, message) }
    public static func warning(_ subject: String, _ message: String) -> Self { Self(.warning, subject, message) }

    public var description: String { "\(severity.rawValue): \(subject): \(message)" }
}

/// Why `cronjob compile` produced nothing. The description is safe to print (it never holds secret values:
/// the compiler only ever sees secret ARNs).
public struct CompileError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// `--env` names no environment of the file (usage, exit 64).
        case unknownEnvironment
        /// The environment or a job cannot be compiled into valid AWS resources (configuration, exit 78).
        case invalidConfiguration
        /// The output directory or a file in it could not be written (exit 1).
        case cannotWrite
    }

    public var code: Code
    /// Every error found, in the order they were found (for `invalidConfiguration`).
    public var diagnostics: [CompileDiagnostic]
    public var message: String

    public init(_ code: Code, message: String, diagnostics: [CompileDiagnostic] = []) {
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
    }

    /// The documented exit status for this failure.
    public var exitCode: Int32 {
        switch code {
        case .unknownEnvironment: 64
        case .invalidConfiguration: 78
        case .cannotWrite: 1
        }
    }

    public var description: String {
        ([message] + diagnostics.map(\.description)).joined(separator: "\n")
    }
}
