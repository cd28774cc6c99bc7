import Foundation
import Schedules

extension SchedulesCommand {
    /// The outcome of `cronjob schedules --check`, as one line or as JSON.
    struct CheckReport: Encodable {
        struct Diagnostic: Encodable {
            var file: String
            var line: Int
            var column: Int
            var severity: String
            var message: String
        }

        var ok: Bool
        var jobs: Int
        var environments: Int
        var registryChecked: Bool
        var diagnostics: [Diagnostic]

        init(file: ScheduleFile, diagnostics: [ScheduleDiagnostic], registryChecked: Bool) {
            ok = true
            jobs = file.jobs.count
            environments = file.environments.count
            self.registryChecked = registryChecked
            self.diagnostics = diagnostics.map(Self.diagnostic)
        }

        init(failure: ScheduleFileError, registryChecked: Bool) {
            ok = false
            jobs = 0
            environments = 0
            self.registryChecked = registryChecked
            diagnostics = failure.diagnostics.map(Self.diagnostic)
        }

        /// `ok: 4 jobs, 2 environments`.
        var summary: String {
            "ok: \(jobs) \(jobs == 1 ? "job" : "jobs"), \(environments) \(environments == 1 ? "environment" : "environments")"
        }

        func json() throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        }

        private static func diagnostic(_ diagnostic: ScheduleDiagnostic) -> Diagnostic {
            Diagnostic(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column,
                       severity: diagnostic.severity.rawValue, message: diagnostic.message)
        }
    }
}
