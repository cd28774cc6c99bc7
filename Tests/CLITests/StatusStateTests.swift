import Foundation
import Testing
import TestSupport

/// `cronjob status`: paused and new jobs, time zones across DST, the compiled spec without schedules.yaml, exit codes.
@Suite("cronjob status: states, time zones and exit codes", .serialized)
struct StatusStateTests {
    @Test func disabledJob_isPaused_andNeverRunJob_isNew_exit0() throws {
        let fixture = try StatusFixture(jobs: """
              off:
                schedule: cron(0 * * * ? *)
                description: Disabled here.
                enabled: false
              fresh:
                schedule: rate(5 minutes)
                description: Not run yet.
            """)
        let result = try fixture.status(at: "2026-05-10T10:30:00Z")
        #expect(result.exit == 0, "\(result.output.stderr)")
        #expect(result.jobs["off"]?["state"] as? String == "paused")
        #expect(result.jobs["fresh"]?["state"] as? String == "new")
    }

    /// America/New_York: 2026-03-08 02:30 does not exist (spring forward), 2026-11-01 01:30 happens twice (fall back).
    /// EventBridge Scheduler skips the first and fires the second once.
    @Test func schedulerTimeZone_acrossDST_countsExactlyTheRealFireTimes() throws {
        let fixture = try StatusFixture(jobs: """
              spring:
                schedule: cron(30 2 * * ? *)
                description: 02:30 New York time.
              autumn:
                schedule: cron(30 1 * * ? *)
                description: 01:30 New York time.
            """, timeZone: "America/New_York")
        try fixture.succeeded("spring", at: ["2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"])
        let spring = try fixture.status(at: "2026-03-10T12:00:00Z", ["--target", "scheduler", "--window", "4d"])
        #expect(spring.exit == 0, "\(spring.output.stdout)")
        #expect(spring.jobs["spring"]?["expected"] as? Int == 3, "Mar 7, 9 and 10: the 8th has no 02:30")
        #expect(spring.jobs["spring"]?["missed"] as? Int == 0)
        #expect(spring.jobs["spring"]?["state"] as? String == "up")
        // Read in UTC (rules), the same history misses 02:30Z every day.
        let utc = try fixture.status(at: "2026-03-10T12:00:00Z", ["--window", "4d"])
        #expect(utc.jobs["spring"]?["missed_at"] as? [String] == ["2026-03-08T02:30:00Z", "2026-03-09T02:30:00Z", "2026-03-10T02:30:00Z"])

        try fixture.succeeded("autumn", at: ["2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"])
        let autumn = try fixture.status(at: "2026-11-02T12:00:00Z", ["--target", "scheduler", "--window", "3d"])
        #expect(autumn.jobs["autumn"]?["expected"] as? Int == 3, "01:30 on Nov 1 fires once, at its first instant")
        #expect(autumn.jobs["autumn"]?["missed"] as? Int == 0)
        #expect(autumn.jobs["autumn"]?["state"] as? String == "up")
    }

    @Test func compiledSpec_worksWithoutSchedulesYAML() throws {
        let fixture = try StatusFixture(jobs: """
              hourly:
                schedule: cron(0 * * * ? *)
                description: Every hour.
            """)
        try fixture.succeeded("hourly", at: ["2026-05-10T08:00:00Z", "2026-05-10T09:00:00Z"])
        let spec = #"{"jobs":[{"enabled":true,"failure_threshold":3,"grace":300,"name":"hourly","schedule":"cron(0 * * * ? *)","timeout":600}],"time_zone":"UTC"}"#
        var environment = fixture.environment
        environment["CRONJOB_STATUS_JOBS"] = spec
        // The scratch directory has no schedules.yaml, as in the container; --scheduled-at comes from the schedule.
        let healthy = try Executable.cronjob(
            ["status", "--env", "test", "--at", "2026-05-10T09:30:00Z", "--scheduled-at", "2026-05-10T09:30:00Z"], environment: environment)
        #expect(healthy.status == 0, "\(healthy.stderr)")
        #expect(healthy.stdout.hasPrefix("environment test at 2026-05-10T09:30:00Z: 1 up"))
        let broken = try Executable.cronjob(["status", "--env", "test", "--at", "2026-05-10T11:30:00Z"], environment: environment)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("1 down"))
    }

    @Test func unreachableDatabase_exits75() throws {
        let fixture = try StatusFixture(jobs: "  a:\n    schedule: rate(5 minutes)\n    description: A.")
        let output = try Executable.cronjob(
            ["status", "--env", "test", "--file", fixture.schedulesPath],
            environment: ["DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none", "CRONJOB_CONNECT_TIMEOUT": "1s"])
        #expect(output.status == 75, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test func badConfiguration_exits78_withFileLineColumn() throws {
        let fixture = try StatusFixture(jobs: """
              a:
                schedule: rate(5 minutes)
                description: A.
                grace: 5
                failure_threshold: 0
            """)
        let output = try Executable.cronjob(["status", "--env", "test", "--file", fixture.schedulesPath], environment: fixture.environment)
        #expect(output.status == 78)
        #expect(output.stderr.contains("\(fixture.schedulesPath):18:12: error: jobs.a.grace: '5' is not a duration"), "\(output.stderr)")
        #expect(output.stderr.contains("\(fixture.schedulesPath):19:24: error: jobs.a.failure_threshold: 0 is out of range; expected 1 to 100"))
        let spec = try Executable.cronjob(["status", "--env", "test"], environment: fixture.environment.merging(["CRONJOB_STATUS_JOBS": "{}"]) { _, new in new })
        #expect(spec.status == 78)
        #expect(spec.stderr == "cronjob: CRONJOB_STATUS_JOBS is not a JSON object with a jobs array\n")
        let missing = try Executable.cronjob(["status", "--env", "test"], environment: fixture.environment)
        #expect(missing.status == 78, "no schedules.yaml in the scratch directory and no CRONJOB_STATUS_JOBS")
        let unknown = try Executable.cronjob(["status", "--env", "nope", "--file", fixture.schedulesPath], environment: fixture.environment)
        #expect(unknown.status == 78, "the file is invalid before the environment is looked up")
    }
}
