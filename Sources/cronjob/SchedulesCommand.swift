import ArgumentParser
import Foundation
import Jobs
import Runner
import Schedules

/// `cronjob schedules`: lists schedules and next fire times per environment, or validates the file (`--check`).
struct SchedulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedules",
        abstract: "List each job's schedule, meaning, next fire times and task size, per environment.",
        discussion: """
            --check validates the schedule file, including that it schedules exactly the jobs compiled into \
            this binary, and prints `ok: N jobs, M environments`, or every problem as \
            `file:line:column: error: message` and exits 78. Warnings go to stderr and keep exit code 0.
            """
    )

    static let defaultCount = 3

    @OptionGroup var schedule: ScheduleFileOptions

    @Option(help: ArgumentHelp("Only this environment (default: all of them).", valueName: "name"))
    var env: String?

    @Option(help: ArgumentHelp("Fire times to list per job (default \(defaultCount)).", valueName: "n"))
    var next: Int?

    @Option(help: ArgumentHelp("List fire times after this instant, ISO 8601 (default: now).", valueName: "time"), transform: TimeFlag.parse)
    var from: TimeFlag?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Validate only: print `ok: N jobs, M environments` or the problems (exit 78).")
    var check = false

    func validate() throws {
        if let next, !(0...1000).contains(next) { throw ValidationError("--next must be between 0 and 1000, not \(next)") }
        if check, next != nil || from != nil {
            throw ValidationError("--check validates only; it does not take --next or --from")
        }
    }

    func run() throws {
        if check { return try runCheck() }
        let file = try schedule.load().file
        let environments = try env.map { [try file.environment(flag: $0)] } ?? file.environments
        let instant = from?.date ?? Date()
        let listing = ScheduleListing(file: file, environments: environments, from: instant, count: next ?? Self.defaultCount)
        print(json ? try listing.json() : listing.table(), terminator: "")
    }

    /// The jobs compiled into this binary. While none is registered the list is not known yet, and the
    /// registry cross-check is skipped (with a note) rather than failing every scheduled job.
    static func registeredJobNames() -> [String] {
        JobRegistry.all.names
    }

    private func runCheck() throws {
        let registered = Self.registeredJobNames()
        if registered.isEmpty {
            ScheduleFileOptions.printToStandardError(["note: no jobs are registered in this binary yet; skipped the registry cross-check"])
        }
        let report: SchedulesCommand.CheckReport
        do {
            let loaded = try ScheduleFileLoader.load(path: schedule.file, registeredJobs: registered.isEmpty ? nil : registered)
            if let env { _ = try loaded.file.environment(flag: env) }
            ScheduleFileOptions.printToStandardError(loaded.warnings.map(\.description))
            report = SchedulesCommand.CheckReport(file: loaded.file, diagnostics: loaded.warnings, registryChecked: !registered.isEmpty)
        } catch let error as ScheduleFileError {
            if json { print(try SchedulesCommand.CheckReport(failure: error, registryChecked: !registered.isEmpty).json(), terminator: "") }
            throw CommandFailure(lines: error.diagnostics.map(\.description), exitCode: RunExitCode.configuration)
        }
        print(json ? try report.json() : report.summary)
    }
}
