import Foundation
import HTTP
import Logging
import Postgres

/// The run lifecycle of DESIGN.md "Running a job": configuration, connect, concurrency policy, occurrence dedupe,
/// history, deadline, signal drain, exit code. Returns instead of exiting so that tests can drive it in-process.
public struct JobRunner: Sendable {
    public var registry: JobRegistry
    public var configuration: Configuration
    public var output: LogOutput
    public var clock: any WallClock
    public var version: String

    public init(registry: JobRegistry, configuration: Configuration, output: LogOutput, clock: any WallClock = SystemClock(), version: String) {
        self.registry = registry
        self.configuration = configuration
        self.output = output
        self.clock = clock
        self.version = version
    }

    public func run(_ request: RunRequest, stop: StopFlag = StopFlag()) async -> RunOutcome {
        let started = ContinuousClock.now
        let runID = UUID()
        var redactor = Redactor.forConfiguration(configuration)
        var logger = makeLogger(request: request, runID: runID, redactor: redactor)
        let signals = SignalWatcher.start(stop: stop) { [logger] signal in
            logger.warning("stop signal received; finishing in-flight work", metadata: ["signal": "\(signal)"])
        }
        defer { signals.cancel() }

        var outcome: RunOutcome
        do {
            guard let jobType = registry.job(named: request.jobName) else {
                throw RunFailure(status: .failed, exitCode: RunExitCode.usage, message: "unknown job '\(request.jobName)'")
            }
            let settings = try RunnerSettings(configuration)
            try DatabaseVariables.requireOne(in: configuration)
            let job = try jobType.init(configuration: configuration)
            var database = try PostgresConfiguration.fromEnvironment(configuration.values)
            database.statementTimeout = settings.statementTimeout
            redactor = Redactor.forConfiguration(configuration, extra: database.secrets)
            logger = makeLogger(request: request, runID: runID, redactor: redactor, level: settings.logLevel)
            let mode: HTTPClientMode = request.isDryRun ? (request.isOffline ? .offline : .dryRun) : .live
            let http = HTTPClient(configuration: try HTTPClientConfiguration(configuration), mode: mode, logger: logger)
            defer { http.shutdown() }
            var attempt = RunAttempt(
                request: request, runID: runID, started: started, jobType: jobType, job: job,
                settings: settings, database: database, logger: logger, http: http, stop: stop,
                clock: clock, configuration: configuration, version: version
            )
            if !request.isDryRun { attempt.ecsTaskARN = await ECSTaskMetadata.taskARN(configuration: configuration) }
            outcome = await attempt.execute()
        } catch {
            let failure = RunFailure.classify(error)
            logger.error("\(failure.message)", metadata: ["exit_code": "\(failure.exitCode)"])
            outcome = RunOutcome(
                runID: runID, status: failure.status, exitCode: failure.exitCode, message: failure.message,
                itemsOK: 0, itemsFailed: 0, durationSeconds: started.duration(to: .now).seconds, plan: nil
            )
        }
        if !request.isDryRun, output.format == .json {
            output.emit(EmbeddedMetrics.line(
                job: request.jobName, environment: request.environment, runID: runID, status: outcome.status,
                exitCode: outcome.exitCode, durationSeconds: outcome.durationSeconds,
                itemsOK: outcome.itemsOK, itemsFailed: outcome.itemsFailed
            ))
        }
        // Every path, the abandoned one included, returns here: the run's lines are written before it returns.
        await output.flushed()
        return outcome
    }

    private func makeLogger(request: RunRequest, runID: UUID, redactor: Redactor, level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "cronjob") { label in
            RunLogHandler(label: label, output: output, redactor: redactor, level: level)
        }
        logger[metadataKey: "job"] = "\(request.jobName)"
        logger[metadataKey: "run_id"] = "\(runID.uuidString.lowercased())"
        logger[metadataKey: "environment"] = "\(request.environment)"
        return logger
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
