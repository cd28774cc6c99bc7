import ArgumentParser
import Foundation
import Schedules

/// `--file PATH` for every command that reads schedules.yaml, and the one way they load it.
struct ScheduleFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The schedule file.", valueName: "path"))
    var file: String = "schedules.yaml"

    /// Loads and validates the file; warnings go to stderr. On errors, prints every diagnostic and exits 78.
    func load(registeredJobs: [String]? = nil) throws -> LoadedScheduleFile {
        do {
            let loaded = try ScheduleFileLoader.load(path: file, registeredJobs: registeredJobs)
            Self.printToStandardError(loaded.warnings.map(\.description))
            return loaded
        } catch {
            Self.printToStandardError(error.diagnostics.map(\.description))
            throw ExitCode(78)
        }
    }

    /// Diagnostics and notes go to stderr so that stdout stays parseable (`--json`).
    static func printToStandardError(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
