import Foundation

/// Reads schedules.yaml, decodes it and validates it, reporting every problem at once.
public enum ScheduleFileLoader {
    /// Files larger than this are refused before parsing: a schedule file is a few kilobytes.
    public static let maximumFileSize = 1 << 20

    /// Reads and validates the file. Every problem is reported at once; warnings come back with the file.
    /// `registeredJobs`, when given, must match the scheduled jobs exactly (nil skips that cross-check).
    public static func load(path: String, registeredJobs: [String]? = nil) throws(ScheduleFileError) -> LoadedScheduleFile {
        let text = try SourceText.read(path: path, limit: maximumFileSize)
        return try load(text: text, path: path, registeredJobs: registeredJobs)
    }

    /// Validates `text` as if read from `path` (used in messages only).
    public static func load(text: String, path: String, registeredJobs: [String]? = nil) throws(ScheduleFileError) -> LoadedScheduleFile {
        let decoder = ScheduleFileDecoder(path: path, registeredJobs: registeredJobs)
        // Editors on Windows may start the file with a byte order mark; libyaml would read it as content.
        var text = Substring(text)
        if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
        let file = decoder.decode(String(text))
        let diagnostics = decoder.log.sorted
        guard let file, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw ScheduleFileError(diagnostics: diagnostics)
        }
        return LoadedScheduleFile(file: file, warnings: diagnostics)
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
/// Line 0 means the whole file (it could not be read or decoded), printed as `file: error: message`.
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
    public var description: String {
        guard line > 0 else { return "\(file): \(severity.rawValue): \(message)" }
        return "\(file):\(line):\(column): \(severity.rawValue): \(message)"
    }
}

/// schedules.yaml is invalid (exit 78). `diagnostics` holds every error found, and any warnings, in file order.
public struct ScheduleFileError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [ScheduleDiagnostic]
    public init(diagnostics: [ScheduleDiagnostic]) { self.diagnostics = diagnostics }
    /// The diagnostics of severity `error` (at least one).
    public var errors: [ScheduleDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
