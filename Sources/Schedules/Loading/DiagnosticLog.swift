import Yams

/// A line and column in schedules.yaml, both starting at 1.
struct SourceLocation: Sendable, Equatable, Comparable {
    var line: Int
    var column: Int

    static let start = SourceLocation(line: 1, column: 1)

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: Mark?) {
        self.init(line: max(mark?.line ?? 1, 1), column: max(mark?.column ?? 1, 1))
    }

    static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// Collects every finding while the file is decoded, so that all of them are reported together.
final class DiagnosticLog {
    let file: String
    private var entries: [ScheduleDiagnostic] = []
    private var seen: Set<String> = []
    /// A broken file can produce a finding per line; past this many, more of them help nobody.
    static let limit = 200

    init(file: String) {
        self.file = file
    }

    func error(_ message: String, at location: SourceLocation) {
        add(.error, message, at: location)
    }

    func warning(_ message: String, at location: SourceLocation) {
        add(.warning, message, at: location)
    }

    var hasErrors: Bool { entries.contains { $0.severity == .error } }

    /// In file order; findings at the same place keep the order they were found in.
    var sorted: [ScheduleDiagnostic] {
        entries.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.line, lhs.element.column, lhs.offset)
            let right = (rhs.element.line, rhs.element.column, rhs.offset)
            return left < right
        }.map(\.element)
    }

    private func add(_ severity: ScheduleDiagnostic.Severity, _ message: String, at location: SourceLocation) {
        let diagnostic = ScheduleDiagnostic(
            file: file, line: location.line, column: location.column, severity: severity, message: message
        )
        // The same node can be reached twice through a YAML alias; say it once.
        guard entries.count < Self.limit, seen.insert(diagnostic.description).inserted else { return }
        entries.append(diagnostic)
    }
}
