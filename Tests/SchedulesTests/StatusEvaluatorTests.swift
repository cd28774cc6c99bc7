import CompileFixtures
import Foundation
import Schedules
import Testing

/// The pure rules of `cronjob status` (the CLI tests prove them again against PostgreSQL).
@Suite struct StatusEvaluatorTests {
    static let utc = TimeZone(identifier: "UTC")!
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    static func spec(_ schedule: String, grace: Int = 300, threshold: Int = 3, enabled: Bool = true) throws -> StatusJobSpec {
        StatusJobSpec(name: "job", schedule: try ScheduleExpression(parsing: schedule), graceSeconds: grace,
                      failureThreshold: threshold, timeoutSeconds: 600, enabled: enabled)
    }
    static func run(_ time: String, _ status: String = "succeeded", manual: Bool = false) -> ObservedRun {
        ObservedRun(status: status, isManual: manual, scheduledAt: manual ? nil : date(time), startedAt: date(time).addingTimeInterval(30))
    }
    static func history(_ runs: [ObservedRun]) -> JobHistory {
        let scheduled = runs.filter { !$0.isManual }
        return JobHistory(
            runs: runs, firstScheduledAt: scheduled.compactMap(\.scheduledAt).min(), lastSuccess: nil, lastRun: runs.last,
            recentOutcomes: scheduled.filter { !ObservedRun.neutralStatuses.contains($0.status) }.reversed())
    }

    @Test func cron_missedFireTimes_areExact_andOnlyTheLatestMakeItDown() throws {
        let evaluator = StatusEvaluator(at: Self.date("2026-05-10T12:10:00Z"), window: 6 * 3600, timeZone: Self.utc)
        let runs = ["07", "08", "10", "11"].map { Self.run("2026-05-10T\($0):00:00Z") }
        let status = evaluator.evaluate(try Self.spec("cron(0 * * * ? *)"), history: Self.history(runs))
        #expect(status.missed == [Self.date("2026-05-10T09:00:00Z"), Self.date("2026-05-10T12:00:00Z")])
        #expect(status.state == .down, "12:00 is past its 5m grace with no run since")
        #expect(status.expected == 6)
    }

    @Test func rate_gapCount_isFloorOfGapMinusGraceOverInterval() throws {
        let evaluator = StatusEvaluator(at: Self.date("2026-05-10T11:01:00Z"), window: 3600, timeZone: Self.utc)
        let runs = ["10:00", "10:05", "10:21", "10:26", "10:31", "10:36", "10:41", "10:46", "10:51", "10:56", "11:01"]
            .map { Self.run("2026-05-10T\($0):00Z") }
        let status = evaluator.evaluate(try Self.spec("rate(5 minutes)", grace: 60), history: Self.history(runs))
        #expect(status.missed.count == 3, "a 16-minute gap at 5m + 1m grace holds three misses")
        #expect(status.state == .up)
    }

    @Test func threshold_disabled_andNew() throws {
        let evaluator = StatusEvaluator(at: Self.date("2026-05-10T10:30:00Z"), window: nil, timeZone: Self.utc)
        let failing = ["07", "08", "09", "10"].map { Self.run("2026-05-10T\($0):00:00Z", $0 == "07" ? "succeeded" : "lost") }
        #expect(evaluator.evaluate(try Self.spec("cron(0 * * * ? *)"), history: Self.history(failing)).state == .down)
        #expect(evaluator.evaluate(try Self.spec("cron(0 * * * ? *)", threshold: 4), history: Self.history(failing)).state == .up)
        #expect(evaluator.evaluate(try Self.spec("cron(0 * * * ? *)", enabled: false), history: Self.history(failing)).state == .paused)
        #expect(evaluator.evaluate(try Self.spec("cron(0 * * * ? *)"), history: Self.history([])).state == .new)
    }

    @Test func flexibleWindow_widensTheGrace_forSchedulerOnly() throws {
        let file = ScheduleFixtures.file()
        let production = try #require(file.environment(named: "production"))
        let payout = file.resolve(try #require(file.job(named: "check-payout")), in: production)
        #expect(StatusJobSpec(payout, target: .scheduler).graceSeconds == 300 + 10 * 60)
        #expect(StatusJobSpec(payout).graceSeconds == 300)
    }

    @Test func defaultWindow_isTheLargerOf24hAndThreeIntervals() throws {
        #expect(StatusEvaluator.defaultWindow(for: try ScheduleExpression(parsing: "rate(5 minutes)")) == 86_400)
        #expect(StatusEvaluator.defaultWindow(for: try ScheduleExpression(parsing: "rate(2 days)")) == 6 * 86_400)
        #expect(StatusEvaluator.defaultWindow(for: try ScheduleExpression(parsing: "cron(0 9 ? * MON *)")) == 21 * 86_400)
    }
}

@Suite struct ZonedFireTimeTests {
    static let newYork = TimeZone(identifier: "America/New_York")!

    @Test func springForward_skipsTheMissingWallTime_fallBack_firesOnce() throws {
        let daily = try ScheduleExpression(parsing: "cron(30 2 * * ? *)")
        let spring = try #require(daily.fireTimes(
            after: StatusEvaluatorTests.date("2026-03-07T00:00:00Z"), through: StatusEvaluatorTests.date("2026-03-10T00:00:00Z"),
            in: Self.newYork, limit: 100))
        #expect(spring == ["2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z"].map(StatusEvaluatorTests.date))
        let quarterHours = try ScheduleExpression(parsing: "cron(0/30 1 * * ? *)")
        let autumn = try #require(quarterHours.fireTimes(
            after: StatusEvaluatorTests.date("2026-11-01T04:00:00Z"), through: StatusEvaluatorTests.date("2026-11-01T08:00:00Z"),
            in: Self.newYork, limit: 100))
        #expect(autumn == ["2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z"].map(StatusEvaluatorTests.date), "01:00 and 01:30 EDT, not again in EST")
    }

    @Test func maximumInterval_ofCron_isTheLongestGap() throws {
        #expect(try ScheduleExpression(parsing: "cron(0 10 ? * MON-FRI *)").maximumInterval() == 3 * 86_400)
        #expect(try ScheduleExpression(parsing: "cron(0 9,17 * * ? *)").maximumInterval() == 16 * 3600)
        #expect(try ScheduleExpression(parsing: "rate(5 minutes)").maximumInterval() == 300)
        #expect(try ScheduleExpression(parsing: "cron(0 10 ? * MON-FRI *)").maximumInterval(in: Self.newYork) == 3 * 86_400 + 3600)
    }

    @Test func statusSpec_jsonRoundTrips_andRefusesGarbage() throws {
        let spec = StatusSpec(timeZone: "America/New_York", jobs: [try StatusEvaluatorTests.spec("cron(0 * * * ? *)")])
        #expect(try StatusSpec(json: spec.json) == spec)
        #expect(spec.json.hasPrefix(#"{"jobs":[{"enabled":true,"failure_threshold":3,"grace":300,"name":"job""#))
        #expect(throws: StatusSpecError.self) { try StatusSpec(json: #"{"jobs":[{"name":"x"}]}"#) }
        #expect(throws: StatusSpecError.self) { try StatusSpec(json: #"{"jobs":[],"time_zone":"Mars/Olympus"}"#) }
    }
}
