import Foundation
import Testing
@testable import Schedules

/// `grace`, `failure_threshold` and the `watchdog:` section of schedules.yaml.
@Suite("schedules.yaml: status settings and the watchdog")
struct ScheduleFileStatusSettingsTests {
    static let valid = ScheduleFileFixtures.valid

    @Test func defaults_andOverrides_resolvePerJob() throws {
        // Line 4 is `  timeout: 4m` under defaults; line 25 sync-payments' timeout (26 once grace is in).
        let text = Self.valid.insertingLines(after: 4, "  grace: 2m").insertingLines(after: 26, "    failure_threshold: 5")
        let file = try #require(ScheduleFileFixtures.load(text).0?.file)
        let staging = try #require(file.environment(named: "staging"))
        let sync = file.resolve(try #require(file.job(named: "sync-payments")), in: staging)
        let payout = file.resolve(try #require(file.job(named: "check-payout")), in: staging)
        #expect(sync.graceSeconds == 120 && sync.failureThreshold == 5)
        #expect(payout.graceSeconds == 120 && payout.failureThreshold == 3)
        let bare = try #require(ScheduleFileFixtures.load(Self.valid).0?.file)
        #expect(bare.resolve(bare.jobs[0], in: staging).graceSeconds == 300)
        #expect(bare.watchdog == nil)
    }

    @Test func invalidValues_areReportedWithLineAndColumn() {
        let text = Self.valid.insertingLines(after: 25, "    grace: 2 days\n    failure_threshold: 0")
        #expect(ScheduleFileFixtures.errors(text) == [
            "schedules.yaml:26:12: error: jobs.sync-payments.grace: '2 days' is not a duration; write it like 90s, 4m, 1h or 1h30m",
            "schedules.yaml:27:24: error: jobs.sync-payments.failure_threshold: 0 is out of range; expected 1 to 100",
        ])
    }

    @Test func watchdog_defaults_overrides_andReservedName() throws {
        let empty = try #require(ScheduleFileFixtures.load(Self.valid + "watchdog:\n").0?.file.watchdog)
        #expect(empty.schedule.text == "rate(15 minutes)")
        #expect(empty.timeoutSeconds == 120)
        let set = try #require(ScheduleFileFixtures.load(
            Self.valid + "watchdog:\n  schedule: cron(*/10 * * * ? *)\n  timeout: 1m\n  enabled: {staging: false}\n").0?.file.watchdog)
        #expect(set.schedule.text == "cron(*/10 * * * ? *)")
        #expect(set.timeoutSeconds == 60)
        #expect(!set.isEnabled(in: "staging"))
        #expect(ScheduleFileFixtures.errors(Self.valid + "watchdog:\n  schedul: rate(5 minutes)\n").first?.contains("unknown key 'schedul'") == true)
        let reserved = Self.valid.replacingOccurrences(of: "  check-payout:", with: "  watchdog:") + "watchdog:\n"
        #expect(ScheduleFileFixtures.errors(reserved).contains { $0.contains("'watchdog' is reserved") })
    }
}
