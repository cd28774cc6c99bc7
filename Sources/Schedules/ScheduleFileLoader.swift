/// PLACEHOLDER: decoding and validation of schedules.yaml land with the schedules work.
public enum ScheduleFileLoader {
    /// Reads and validates the file. Every problem is reported at once; warnings come back with the file.
    /// `registeredJobs`, when given, must match the scheduled jobs exactly.
    public static func load(path: String, registeredJobs: [String]? = nil) throws(ScheduleFileError) -> LoadedScheduleFile {
        throw ScheduleFileError(diagnostics: [
            ScheduleDiagnostic(file: path, line: 1, column: 1, severity: .error, message: "schedules.yaml support is not implemented yet")
        ])
    }
}

public struct LoadedScheduleFile: Sendable {
    public var file: ScheduleFile
    public var warnings: [ScheduleDiagnostic]
    public init(file: ScheduleFile, warnings: [ScheduleDiagnostic]) {
        self.file = file
        self.warnings = warnings
    }
}

/// One located finding in schedules.yaml, printed as `file:line:column: error: message`.
public struct ScheduleDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String
    public init(file: String, line: Int, column: Int, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }
    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }
}

/// schedules.yaml is invalid (exit 78). `diagnostics` holds every error found, in file order.
public struct ScheduleFileError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [ScheduleDiagnostic]
    public init(diagnostics: [ScheduleDiagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
