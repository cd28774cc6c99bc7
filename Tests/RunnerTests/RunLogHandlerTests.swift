import Foundation
import Logging
import Runner
import Synchronization
import Testing

@Suite("Run log lines and metrics")
struct RunLogHandlerTests {
    final class Lines: Sendable {
        let stored = Mutex<[String]>([])
        let output = Mutex<LogOutput?>(nil)
        /// The lines written so far; the output writes on a thread of its own, so it is flushed first.
        var all: [String] {
            output.withLock { $0 }?.flush()
            return stored.withLock { $0 }
        }
    }

    func logger(format: LogOutput.Format, secrets: [String] = []) -> (Logger, Lines) {
        let lines = Lines()
        let output = LogOutput(format: format) { [weak lines] line in lines?.stored.withLock { $0.append(line) } }
        lines.output.withLock { $0 = output }
        var logger = Logger(label: "test") { RunLogHandler(label: $0, output: output, redactor: Redactor(secrets: secrets)) }
        logger[metadataKey: "job"] = "notify-upload"
        logger[metadataKey: "run_id"] = "0b7a1c5e-0000-4000-8000-000000000001"
        logger[metadataKey: "environment"] = "staging"
        return (logger, lines)
    }

    @Test func json_isOneObjectPerLineWithJobRunAndEnvironment() throws {
        let (logger, lines) = logger(format: .json)
        logger.info("queued \"reminders\"\nsecond line", metadata: ["db.rows": "3", "http.status": .stringConvertible(200)])
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "queued \"reminders\"\nsecond line")
        #expect(object["level"] as? String == "info")
        #expect(object["job"] as? String == "notify-upload")
        #expect(object["environment"] as? String == "staging")
        #expect(object["run_id"] as? String == "0b7a1c5e-0000-4000-8000-000000000001")
        #expect(object["db.rows"] as? String == "3")
        #expect(object["http.status"] as? Int == 200)
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func everyLineIsRedacted() {
        let (logger, lines) = logger(format: .json, secrets: ["hunter2-secret"])
        logger.error("login failed with hunter2-secret", metadata: ["error": "password hunter2-secret rejected"])
        #expect(lines.all.count == 1)
        #expect(!lines.all[0].contains("hunter2-secret"))
        #expect(lines.all[0].contains(Redactor.mask))
    }

    @Test func text_isReadable() {
        let (logger, lines) = logger(format: .text)
        logger.warning("retrying", metadata: ["attempt": "2"])
        #expect(lines.all.first?.contains("WARNING retrying") == true)
        #expect(lines.all.first?.contains("attempt=2") == true)
    }

    @Test func embeddedMetricFormat_declaresMetricsAndValues() throws {
        let line = EmbeddedMetrics.line(
            job: "sync-payments", environment: "production", runID: UUID(), status: .failed, exitCode: 69,
            durationSeconds: 1.23456, itemsOK: 10, itemsFailed: 2
        )
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let aws = try #require(object["_aws"] as? [String: Any])
        #expect(aws["Timestamp"] is Int)
        let directive = try #require((aws["CloudWatchMetrics"] as? [[String: Any]])?.first)
        #expect(directive["Namespace"] as? String == "Cronjobs")
        #expect(directive["Dimensions"] as? [[String]] == [["Job", "Environment"]])
        let names = (directive["Metrics"] as? [[String: String]])?.compactMap { $0["Name"] } ?? []
        for name in names { #expect(object[name] != nil, "metric \(name) has a value") }
        #expect(object["ExitCode"] as? Int == 69)
        #expect(object["Failed"] as? Int == 1)
        #expect(object["ItemsFailed"] as? Int == 2)
        #expect(object["Duration"] as? Double == 1.235)
    }
}
