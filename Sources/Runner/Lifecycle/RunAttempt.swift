import Grammar
import Foundation
import HTTP
import Logging
import Postgres

/// One run after configuration resolved: connect, lock, claim the occurrence, run under the deadline, record.
struct RunAttempt: Sendable {
    let request: RunRequest
    let runID: UUID
    let started: ContinuousClock.Instant
    let jobType: any Job.Type
    let job: any Job
    let settings: RunnerSettings
    let database: PostgresConfiguration
    let logger: Logger
    let http: HTTPClient
    let stop: StopFlag
    let clock: any WallClock
    let configuration: Configuration
    let version: String
    var ecsTaskARN: String?
    /// The run's blocking libpq calls (connect, lock, history, the job's statements) run here, off the cooperative pool.
    let databaseThread = DatabaseThread()

    var timeout: Duration { request.timeout ?? jobType.defaultTimeout }

    func execute() async -> RunOutcome {
        defer { databaseThread.shutdown() }
        let deadline = Deadline(timeout: timeout, from: started)
        let connection: PostgresConnection
        do {
            connection = try await databaseThread.run { try connect() }
        } catch {
            return await finish(failure: failure(error, deadline: deadline), record: nil, history: nil)
        }
        let abandoned = AbandonFlag()
        // A job body that was abandoned may still hold the connection inside a blocked call: leave it to the exit.
        defer { if !abandoned.isSet { connection.close() } }
        if request.isDryRun {
            return await DryRun(attempt: self, connection: connection, deadline: deadline, abandoned: abandoned).execute()
        }
        let record: RunRecord?
        switch await databaseThread.run({ begin(on: connection) }) {
        case .done(let status, let message):
            return outcome(status: status, exitCode: RunExitCode.success, message: message)
        case .failed(let error):
            return await finish(failure: failure(error, deadline: deadline), record: nil, history: nil)
        case .started(let running):
            record = running
        }
        let history = RunHistory(connection: connection)

        logger.info("run started", metadata: [
            "timeout": "\(DurationGrammar.format(timeout))", "concurrency": "\(request.concurrency.rawValue)",
            "version": "\(version)",
        ])
        let context = makeContext(connection: connection, deadline: deadline, isDryRun: false)
        let execution = await JobExecution.run(job, context: context, grace: settings.drainGrace, stop: stop, on: databaseThread)
        if execution.abandoned {
            abandoned.set()
            // Its connection and thread may be blocked: history is closed on a fresh connection.
            return await finish(failure: RunFailure.classify(execution.error), record: record, history: nil, items: context.items)
        }
        switch execution.result {
        case .success:
            if let signal = stop.signal {
                let failure = RunFailure(status: .stopped, exitCode: RunExitCode.stopped(by: signal), message: JobInterruption.stopped(signal: signal).description)
                return await finish(failure: failure, record: record, history: history, items: context.items)
            }
            return await finish(failure: nil, record: record, history: history, items: context.items)
        case .failure(let error):
            return await finish(failure: RunFailure.classify(error), record: record, history: history, items: context.items)
        }
    }

    /// What the concurrency policy and the occurrence claim decided before the job runs.
    private enum Begin: Sendable {
        /// Skipped or a duplicate delivery: recorded, nothing to do.
        case done(RunStatus, message: String)
        case failed(any Error)
        /// The job runs; with its `running` history row, nil when history is unavailable.
        case started(RunRecord?)
    }

    /// Takes the advisory lock (`forbid`) and inserts the `running` row; on the database thread.
    private func begin(on connection: PostgresConnection) -> Begin {
        if request.concurrency == .forbid {
            do {
                guard try connection.tryAdvisoryLock(AdvisoryLockKey.forJob(request.jobName)) else {
                    logger.info("another run holds the lock; skipping")
                    recordTerminal(.skipped, on: connection)
                    return .done(.skipped, message: "another run holds the lock")
                }
            } catch {
                return .failed(error)
            }
        }
        let history = RunHistory(connection: connection)
        var running = makeRecord(status: .running)
        running.lostAfter = RunStaleness.lostAfter(startedAt: running.startedAt, timeout: timeout, drainGrace: settings.drainGrace)
        let staleness = RunStaleness(fallbackTimeout: timeout, drainGrace: settings.drainGrace)
        do {
            if try history.begin(running, staleness: staleness) == .duplicate {
                logger.info("this occurrence was already delivered; nothing to do",
                            metadata: ["scheduled_at": "\(request.scheduledAt.map { Timestamp.iso8601($0, fractionalDigits: 0) } ?? "")"])
                recordTerminal(.duplicate, on: connection)
                return .done(.duplicate, message: "duplicate delivery of this occurrence")
            }
            return .started(running)
        } catch {
            logger.warning("run history unavailable; running without it", metadata: ["error": "\(error)"])
            return .started(nil)
        }
    }

    /// `error` classified for the exit-code table, a cancellation read as the stop or deadline that caused it.
    func failure(_ error: any Error, deadline: Deadline) -> RunFailure {
        RunFailure.classify(JobInterruption(cancellation: error, stop: stop, deadline: deadline) ?? error)
    }

    func connect() throws -> PostgresConnection {
        let logger = self.logger
        let retry = ConnectRetryPolicy(budget: settings.connectBudget)
        return try PostgresConnection.connect(database, retry: retry, stop: stop.database) { attempt, error, delay in
            logger.warning("database not reachable yet; retrying", metadata: [
                "attempt": "\(attempt)", "retry_in_ms": "\(Int(delay.seconds * 1000))", "error": "\(error)",
            ])
        }
    }

    func makeContext(connection: PostgresConnection, deadline: Deadline, isDryRun: Bool) -> JobContext {
        JobContext(
            runID: runID, jobName: request.jobName, environment: request.environment, database: connection,
            http: http, configuration: configuration, logger: logger, clock: clock, deadline: deadline, stop: stop,
            isDryRun: isDryRun, scheduledAt: request.scheduledAt
        )
    }

    func makeRecord(status: RunStatus) -> RunRecord {
        RunRecord(
            id: runID, job: request.jobName, environment: request.environment,
            trigger: request.scheduledAt == nil ? "manual" : "schedule", scheduledAt: request.scheduledAt,
            startedAt: clock.now(), status: status, ecsTaskARN: ecsTaskARN,
            version: version, host: ProcessInfo.processInfo.hostName
        )
    }

    /// Records a run that did no work (skipped, duplicate). Best effort.
    func recordTerminal(_ status: RunStatus, on connection: PostgresConnection) {
        var record = makeRecord(status: status)
        record.finishedAt = clock.now()
        record.exitCode = RunExitCode.success
        do {
            try RunHistory(connection: connection).insertFinished(record)
        } catch {
            logger.warning("could not record the run in history", metadata: ["error": "\(error)"])
        }
    }

    func outcome(status: RunStatus, exitCode: Int32, message: String?, items: ItemCounter? = nil, plan: DryRunPlan? = nil) -> RunOutcome {
        RunOutcome(
            runID: runID, status: status, exitCode: exitCode, message: message,
            itemsOK: items?.ok ?? 0, itemsFailed: items?.failed ?? 0,
            durationSeconds: started.duration(to: .now).seconds, plan: plan
        )
    }

    /// Logs the end of the run and completes its history row: on the run's connection when `history` is given (or on
    /// a fresh one if that fails), else on a fresh one (the run's connection died or is held by an abandoned job).
    func finish(failure: RunFailure?, record: RunRecord?, history: RunHistory?, items: ItemCounter = ItemCounter()) async -> RunOutcome {
        let status = failure?.status ?? .succeeded
        let exitCode = failure?.exitCode ?? RunExitCode.success
        let result = outcome(status: status, exitCode: exitCode, message: failure?.message, items: items)
        if let record {
            let (clock, database) = (clock, database)
            let write = { @Sendable (history: RunHistory) throws in
                try history.finish(
                    id: record.id, status: status, exitCode: exitCode, itemsOK: items.ok, itemsFailed: items.failed,
                    error: failure?.message, finishedAt: clock.now()
                )
            }
            var written = false
            if let history { written = await databaseThread.run { (try? write(history)) != nil } }
            if !written {
                do {
                    try await DatabaseThread.run {
                        let fresh = try PostgresConnection.connect(database, retry: ConnectRetryPolicy(budget: .seconds(5)))
                        defer { fresh.close() }
                        try write(RunHistory(connection: fresh))
                    }
                } catch {
                    logger.warning("could not record the end of the run in history", metadata: ["error": "\(error)"])
                }
            }
        }
        let metadata: Logger.Metadata = [
            "status": "\(status.rawValue)", "exit_code": "\(exitCode)", "items_ok": "\(items.ok)",
            "items_failed": "\(items.failed)", "duration_s": "\((result.durationSeconds * 1000).rounded() / 1000)",
        ]
        if let failure, failure.exitCode != RunExitCode.success {
            logger.error("run ended: \(failure.message)", metadata: metadata)
        } else {
            logger.info("run finished", metadata: metadata)
        }
        return result
    }
}
