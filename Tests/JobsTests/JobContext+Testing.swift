import Foundation
import Logging
import Postgres
import Runner
import Synchronization

extension JobContext {
    /// A context pinned to `now`, with a distant deadline and a logger that records into `log`.
    static func testing(
        _ job: String, database: PostgresConnection, now: Date, configuration: [String: String] = [:],
        log: RecordedLog = RecordedLog(), stop: StopFlag = StopFlag(), deadline: Deadline = .distant
    ) -> JobContext {
        JobContext(
            jobName: job, environment: "test", database: database, configuration: Configuration(configuration),
            logger: Logger(label: "jobs-tests") { _ in RecordingLogHandler(log: log) },
            clock: FixedClock(now), deadline: deadline, stop: stop
        )
    }
}

/// What a test's logger received (swift-log's `InMemoryLogHandler` idea, without bootstrapping anything).
final class RecordedLog: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let entries = Mutex<[Entry]>([])
    var all: [Entry] { entries.withLock { $0 } }
    func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }
    func last(_ message: String) -> Entry? { all.last { $0.message == message } }
}

struct RecordingLogHandler: LogHandler {
    let log: RecordedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        log.append(.init(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
    }
}
