import Grammar
import ArgumentParser
import Foundation
import Jobs
import Runner

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one job now and exit with its status code.",
        discussion: """
            Configuration comes from the environment (DATABASE_URL, DATABASE_SECRET or PG* variables, provider
            URLs and tokens). With --env NAME, that environment's non-secret variables in schedules.yaml fill the gaps.
            """ + "\n\n" + ExitStatus.helpText
    )

    @Argument(help: "The job to run (see `cronjob jobs`).")
    var job: String

    @Option(help: "Deployment environment; its variables in schedules.yaml fill what the process environment leaves unset.")
    var env: String?

    @Flag(help: "Run inside a transaction that is rolled back; record writes to providers instead of sending them.")
    var dryRun = false

    @Flag(help: "With --dry-run: answer provider reads from simulated responses too.")
    var offline = false

    @Flag(help: "With --dry-run: print the plan as JSON.")
    var json = false

    @Option(help: "Deadline, e.g. 4m, 90s, 1h30m (default: the schedule's timeout, else the job's).")
    var timeout: String?

    @Option(help: "forbid (one run at a time, by advisory lock) or allow.")
    var concurrency: String?

    @Option(help: "The occurrence this run serves (ISO 8601); a second delivery of it is recorded as duplicate.", transform: TimeFlag.parse)
    var scheduledAt: TimeFlag?

    @Option(help: "The schedule file (read when present, required with --env).")
    var file = "schedules.yaml"

    func validate() throws {
        try JobFlags.validate(job: job, timeout: timeout)
        if let concurrency, RunRequest.Concurrency(rawValue: concurrency) == nil {
            throw ValidationError("--concurrency must be forbid or allow")
        }
        if (offline || json) && !dryRun {
            throw ValidationError("--offline and --json only apply with --dry-run")
        }
    }

    func run() async throws {
        var configuration = Configuration.process
        let environment = env ?? configuration.get("CRONJOB_ENV") ?? "local"
        let scheduled = try ScheduleDefaults.resolve(job: job, environment: env, file: file)
        if let scheduled { configuration = configuration.withDefaults(scheduled.variables) }

        let request = RunRequest(
            jobName: job,
            environment: environment,
            timeout: timeout.flatMap(DurationGrammar.parse) ?? scheduled?.timeout,
            concurrency: concurrency.flatMap(RunRequest.Concurrency.init(rawValue:)) ?? scheduled?.concurrency ?? .forbid,
            scheduledAt: scheduledAt?.date,
            isDryRun: dryRun,
            isOffline: offline
        )
        let runner = JobRunner(
            registry: JobRegistry.all, configuration: configuration,
            output: LogOutput.standardOutput(
                override: configuration.get("CRONJOB_LOG_FORMAT"), descriptor: dryRun ? STDERR_FILENO : STDOUT_FILENO
            ),
            version: BuildVersion.current
        )
        let outcome = await runner.run(request)
        if let plan = outcome.plan {
            print(json ? try DryRunPlanFormatter.json(plan) : DryRunPlanFormatter.text(plan))
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
