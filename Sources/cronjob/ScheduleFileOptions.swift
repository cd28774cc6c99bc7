import ArgumentParser
import Foundation
import Runner
import Schedules

/// `--file PATH` for every command that reads schedules.yaml, and the one way they load it.
struct ScheduleFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The schedule file.", valueName: "path"))
    var file: String = "schedules.yaml"

    /// Loads and validates the file; warnings go to stderr. On errors, prints every diagnostic and exits 78.
    func load(registeredJobs: [String]? = nil) throws(CommandFailure) -> LoadedScheduleFile {
        try Self.load(path: file, registeredJobs: registeredJobs)
    }

    /// The one way every command loads schedules.yaml: warnings to stderr, every error at once as exit 78.
    static func load(path: String, registeredJobs: [String]? = nil) throws(CommandFailure) -> LoadedScheduleFile {
        do {
            let loaded = try ScheduleFileLoader.load(path: path, registeredJobs: registeredJobs)
            printToStandardError(loaded.warnings.map(\.description))
            return loaded
        } catch {
            throw CommandFailure(lines: error.diagnostics.map(\.description), exitCode: RunExitCode.configuration)
        }
    }

    /// Diagnostics and notes go to stderr so that stdout stays parseable (`--json`).
    static func printToStandardError(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        lines.forEach(printError)
    }
}
