import Foundation
import Testing
import TestSupport

/// `cronjob status` against histories written at fixed times: what counts as missed, lost and failed.
@Suite("cronjob status: missed runs, lost runs and failures", .serialized)
struct StatusMissedRunTests {
    static let hourly = """
          hourly:
            schedule: cron(0 * * * ? *)
            description: Every hour on the hour.
            timeout: 10m
            grace: 5m
        """

    @Test func cron_twoMissedFireTimes_countedExactly_upOnceItRanAgain() throws {
        let fixture = try StatusFixture(jobs: Self.hourly)
        try fixture.succeeded("hourly", at: ["2026-05-10T06:00:00Z", "2026-05-10T07:00:00Z", "2026-05-10T08:00:00Z", "2026-05-10T11:00:00Z"])
        let result = try fixture.status(at: "2026-05-10T11:30:00Z", ["--window", "6h"])
        let job = try #require(result.jobs["hourly"])
        #expect(result.exit == 0, "\(result.output.stderr)")
        #expect(job["state"] as? String == "up")
        #expect(job["missed"] as? Int == 2)
        #expect(job["missed_at"] as? [String] == ["2026-05-10T09:00:00Z", "2026-05-10T10:00:00Z"])
        #expect(job["expected"] as? Int == 6, "06:00 through 11:00")
    }

    @Test func cron_missedSinceTheLastRun_isDown_andInsideTheGraceIsLate() throws {
        let fixture = try StatusFixture(jobs: Self.hourly)
        try fixture.succeeded("hourly", at: ["2026-05-10T06:00:00Z", "2026-05-10T07:00:00Z", "2026-05-10T08:00:00Z"])
        let down = try fixture.status(at: "2026-05-10T10:30:00Z")
        #expect(down.exit == 1)
        #expect(down.jobs["hourly"]?["state"] as? String == "down")
        #expect(down.jobs["hourly"]?["missed_at"] as? [String] == ["2026-05-10T09:00:00Z", "2026-05-10T10:00:00Z"])
        let late = try fixture.status(at: "2026-05-10T09:03:00Z")
        #expect(late.exit == 0)
        #expect(late.jobs["hourly"]?["state"] as? String == "late")
        #expect(late.jobs["hourly"]?["missed"] as? Int == 0)
        let text = try Executable.cronjob(
            ["status", "--env", "test", "--at", "2026-05-10T10:30:00Z", "--file", fixture.schedulesPath], environment: fixture.environment)
        #expect(text.status == 1)
        #expect(text.stdout.contains("hourly: down: 2 occurrence(s) missed since the last run (first due 2026-05-10T09:00:00Z)"))
    }

    @Test func rate_gapLongerThanIntervalPlusGrace_countsMisses() throws {
        let fixture = try StatusFixture(jobs: """
              every-ten:
                schedule: rate(10 minutes)
                description: Every ten minutes.
                timeout: 4m
                grace: 2m
            """)
        // The phase is AWS's (rule creation): 10:03, 10:13, ... The gap 10:23 -> 10:53 holds two misses.
        try fixture.succeeded("every-ten", at: ["2026-05-10T10:03:00Z", "2026-05-10T10:13:00Z", "2026-05-10T10:23:00Z",
                                                "2026-05-10T10:53:00Z", "2026-05-10T11:03:00Z"])
        let up = try fixture.status(at: "2026-05-10T11:08:00Z", ["--window", "2h"])
        #expect(up.exit == 0)
        #expect(up.jobs["every-ten"]?["state"] as? String == "up")
        #expect(up.jobs["every-ten"]?["missed_at"] as? [String] == ["2026-05-10T10:33:00Z", "2026-05-10T10:43:00Z"])
        let late = try fixture.status(at: "2026-05-10T11:14:00Z", ["--window", "2h"])
        #expect(late.jobs["every-ten"]?["state"] as? String == "late", "11 minutes after the last delivery: inside interval + grace")
        let down = try fixture.status(at: "2026-05-10T11:29:00Z", ["--window", "2h"])
        #expect(down.exit == 1)
        #expect(down.jobs["every-ten"]?["state"] as? String == "down")
        #expect(down.jobs["every-ten"]?["missed"] as? Int == 4)
    }

    @Test func runningPastTimeoutPlusDrainGrace_isMarkedLost_andCounts() throws {
        let fixture = try StatusFixture(jobs: Self.hourly)
        try fixture.succeeded("hourly", at: ["2026-05-10T08:00:00Z"])
        // Killed without a trace at 09:00: no lost_after (an old row), so the job's 10m timeout + 30s drain grace apply.
        let dead = try fixture.record("hourly", scheduled: "2026-05-10T09:00:00Z", status: "running")
        // Started 10:00 with its own lost_after at 10:15: still alive at 10:12.
        let live = try fixture.record("hourly", scheduled: "2026-05-10T10:00:00Z", status: "running", lostAfter: "2026-05-10T10:15:00Z")
        let result = try fixture.status(at: "2026-05-10T10:12:00Z")
        #expect(try fixture.statusOf(dead) == "lost")
        #expect(try fixture.statusOf(live) == "running")
        #expect(result.jobs["hourly"]?["lost"] as? Int == 1)
        #expect(result.jobs["hourly"]?["missed"] as? Int == 0, "a lost run started: it is not a miss")
        #expect(result.jobs["hourly"]?["consecutive_failures"] as? Int == 1)
        let later = try fixture.status(at: "2026-05-10T10:16:00Z")
        #expect(try fixture.statusOf(live) == "lost", "the same rule, past its own lost_after")
        #expect(later.jobs["hourly"]?["lost"] as? Int == 2)
    }

    @Test func failuresPastTheThreshold_makeTheJobDown() throws {
        let fixture = try StatusFixture(jobs: Self.hourly + "\n    failure_threshold: 3")
        try fixture.succeeded("hourly", at: ["2026-05-10T06:00:00Z"])
        try fixture.record("hourly", scheduled: "2026-05-10T07:00:00Z", status: "failed")
        try fixture.record("hourly", scheduled: "2026-05-10T08:00:00Z", status: "deadline_reached")
        let two = try fixture.status(at: "2026-05-10T08:30:00Z")
        #expect(two.exit == 0)
        #expect(two.jobs["hourly"]?["consecutive_failures"] as? Int == 2)
        #expect(two.jobs["hourly"]?["state"] as? String == "up")
        try fixture.record("hourly", scheduled: "2026-05-10T09:00:00Z", status: "failed")
        let three = try fixture.status(at: "2026-05-10T09:30:00Z")
        #expect(three.exit == 1)
        #expect(three.jobs["hourly"]?["state"] as? String == "down")
        #expect(three.jobs["hourly"]?["failed"] as? Int == 2)
        #expect(three.jobs["hourly"]?["deadlines"] as? Int == 1)
        #expect((three.jobs["hourly"]?["reasons"] as? [String])?.first == "the last 3 runs failed (threshold 3)")
    }

    @Test func skipsDuplicatesAndManualRuns_areNotMisses() throws {
        let fixture = try StatusFixture(jobs: Self.hourly)
        try fixture.succeeded("hourly", at: ["2026-05-10T07:00:00Z"])
        try fixture.record("hourly", scheduled: "2026-05-10T08:00:00Z", status: "skipped")
        try fixture.succeeded("hourly", at: ["2026-05-10T09:00:00Z"])
        try fixture.record("hourly", scheduled: "2026-05-10T09:00:00Z", status: "duplicate", started: "2026-05-10T09:00:40Z")
        // Manual runs at 10:00 (when the schedule's own run is missing) prove nothing, and their failures do not count.
        try fixture.record("hourly", scheduled: nil, status: "failed", started: "2026-05-10T10:00:10Z")
        try fixture.record("hourly", scheduled: nil, status: "failed", started: "2026-05-10T10:01:10Z")
        try fixture.record("hourly", scheduled: nil, status: "succeeded", started: "2026-05-10T10:02:10Z")
        let result = try fixture.status(at: "2026-05-10T10:30:00Z")
        let job = try #require(result.jobs["hourly"])
        #expect(job["skipped"] as? Int == 1)
        #expect(job["duplicates"] as? Int == 1)
        #expect(job["manual"] as? Int == 3)
        #expect(job["consecutive_failures"] as? Int == 0)
        #expect(job["missed_at"] as? [String] == ["2026-05-10T10:00:00Z"], "only 10:00, which no scheduled run served")
        #expect(job["state"] as? String == "down")
    }
}
