import ArgumentParser
import Foundation
import Grammar
import Runner
import Schedules

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Compare each job's schedule with its run history: up, late, down, paused or new.",
        discussion: """
            Per job: last success, last run, consecutive failures and, over the window, occurrences that never
            started (cron: exact fire times; rate: gaps longer than the interval plus the grace), runs that never
            finished (marked lost in history), failures, deadlines, skips and duplicates. Manual runs never count
            as occurrences. The jobs come from \(StatusSpec.variable) when set (the compiled watchdog task), else
            from schedules.yaml.

            EXIT CODES
              0    no job is down
              1    at least one job is down
              64   usage: bad flag or value, unknown environment
              75   the database is unreachable; safe to retry
              78   configuration error: invalid schedules.yaml or \(StatusSpec.variable)
            """
    )

    @Option(help: "Deployment environment (default: CRONJOB_ENV, else local).")
    var env: String?

    @Flag(help: "Print the same data as JSON.")
    var json = false

    @Option(help: "How far back to look, e.g. 24h, 7d (default: the larger of 24h and three intervals of each job; at most 90d).")
    var window: String?

    @Option(help: "Evaluate as of this time (ISO 8601, default now).", transform: TimeFlag.parse)
    var at: TimeFlag?

    @Option(help: "rules (UTC) or scheduler (cron read in the environment's time_zone), as compiled.")
    var target: String = CompileTarget.rules.rawValue

    @Option(help: "The occurrence of the watchdog schedule that started this check (logged only).", transform: TimeFlag.parse)
    var scheduledAt: TimeFlag?

    @OptionGroup var schedules: ScheduleFileOptions

    static let maximumWindow: Duration = .seconds(90 * 86_400)

    func validate() throws {
        if let window {
            guard let value = DurationGrammar.parse(window), value > .zero, value <= Self.maximumWindow else {
                throw ValidationError("--window '\(window)' is not a duration like 24h or 7d between 1s and 90d")
            }
        }
        guard CompileTarget(rawValue: target) != nil else { throw ValidationError("--target must be rules or scheduler") }
    }

    func run() throws {
        let configuration = Configuration.process
        let environment = env ?? configuration.get("CRONJOB_ENV") ?? "local"
        let spec = try resolveSpec(configuration: configuration, environment: environment)
        guard let zone = TimeZone(identifier: spec.timeZone) else {
            throw CommandFailure("unknown time zone '\(spec.timeZone)'", exitCode: RunExitCode.configuration)
        }
        let drainGrace: Duration
        do {
            drainGrace = try configuration.duration("CRONJOB_DRAIN_GRACE", default: .seconds(30))
        } catch {
            throw CommandFailure(error.description, exitCode: RunExitCode.configuration)
        }
        let moment = at?.date ?? Date()
        let evaluator = StatusEvaluator(
            at: moment, window: window.flatMap(DurationGrammar.parse).map { TimeInterval($0.components.seconds) }, timeZone: zone)

        let connection = try DatabaseSession.connect(configuration)
        defer { connection.close() }
        let report: StatusReport
        do {
            report = try StatusReport.build(
                spec: spec, environment: environment, evaluator: evaluator, drainGrace: drainGrace,
                history: RunHistory(connection: connection))
        } catch {
            throw DatabaseSession.exit(for: error)
        }
        print(json ? StatusFormatter.json(report) : StatusFormatter.text(report))
        if report.jobs.contains(where: { $0.status.state == .down }) { throw ExitCode(1) }
    }

    /// The compiled spec when the watchdog task carries one, else schedules.yaml for the environment.
    private func resolveSpec(configuration: Configuration, environment: String) throws -> StatusSpec {
        if let text = configuration.get(StatusSpec.variable) {
            do {
                return try StatusSpec(json: text)
            } catch {
                throw CommandFailure(error.message, exitCode: RunExitCode.configuration)
            }
        }
        guard FileManager.default.fileExists(atPath: schedules.file) else {
            throw CommandFailure(
                "\(schedules.file) not found and \(StatusSpec.variable) is not set: status needs the jobs' schedules",
                exitCode: RunExitCode.configuration)
        }
        let file = try schedules.load().file
        let deployment = try env.map { name throws(CommandFailure) in try file.environment(flag: name) }
            ?? DeploymentEnvironment(name: environment)
        return StatusSpec(file: file, environment: deployment, target: CompileTarget(rawValue: target) ?? .rules)
    }
}
