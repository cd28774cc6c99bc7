import Testing
@testable import Schedules

@Suite("schedules.yaml: registry cross-check and multiple errors")
struct ScheduleFileRegistryTests {
    @Test func load_jobRegisteredButNotScheduled_isLocatedAtJobs() {
        let errors = ScheduleFileFixtures.errors(
            ScheduleFileFixtures.valid, registeredJobs: ["sync-payments", "check-payout", "notify-upload"]
        )
        #expect(errors == [
            "schedules.yaml:21:1: error: jobs: 'notify-upload' is registered but not scheduled; add an entry for it under jobs"
        ])
    }

    @Test func load_jobScheduledButNotRegistered_isLocatedAtTheJob() {
        let errors = ScheduleFileFixtures.errors(ScheduleFileFixtures.valid, registeredJobs: ["sync-payments", "check-payouts"])
        #expect(errors == [
            "schedules.yaml:21:1: error: jobs: 'check-payouts' is registered but not scheduled; add an entry for it under jobs",
            "schedules.yaml:26:3: error: jobs.check-payout: 'check-payout' is scheduled but no job of that name is "
                + "registered in this binary; did you mean 'check-payouts'?",
        ])
    }

    @Test func load_registryMatches_loads() {
        let (loaded, errors) = ScheduleFileFixtures.load(ScheduleFileFixtures.valid, registeredJobs: ["check-payout", "sync-payments"])
        #expect(errors.isEmpty)
        #expect(loaded?.file.jobs.count == 2)
    }

    @Test func load_withoutRegistry_skipsTheCrossCheck() {
        #expect(ScheduleFileFixtures.errors(ScheduleFileFixtures.valid, registeredJobs: nil).isEmpty)
    }

    @Test func load_severalErrors_reportsAllOfThemInFileOrder() {
        let yaml = ScheduleFileFixtures.valid
            .replacingLine(2, with: "  cpu: 300")
            .replacingLine(8, with: "    region: mars-1")
            .replacingLine(15, with: "      db-secret: arn:aws:secretsmanager:sa-east-1:123456789012:secret:db-AbCdEf")
            .replacingLine(23, with: "    schedule: [rate(5 minutes)]")
            .replacingLine(28, with: "    descripton: Request and poll payouts.")
        let errors = ScheduleFileFixtures.errors(yaml, registeredJobs: ["sync-payments", "check-payout", "notify-upload"])
        #expect(errors == [
            "schedules.yaml:2:8: error: defaults.cpu: 300 is not a Fargate CPU size; expected one of 256, 512, 1024, 2048, 4096, 8192, 16384 (1024 = 1 vCPU)",
            "schedules.yaml:8:13: error: environments.staging.region: 'mars-1' is not an AWS region (like us-east-1)",
            "schedules.yaml:15:7: error: environments.staging.secrets: secret name 'db-secret' is not a valid environment variable name (letters, digits and _, not starting with a digit)",
            "schedules.yaml:21:1: error: jobs: 'notify-upload' is registered but not scheduled; add an entry for it under jobs",
            "schedules.yaml:23:15: error: jobs.sync-payments.schedule: expected a string, found a list",
            "schedules.yaml:26:3: error: jobs.check-payout: missing required key 'description'",
            "schedules.yaml:28:5: error: jobs.check-payout: unknown key 'descripton'; did you mean 'description'?",
        ])
    }

    @Test func load_duplicateInIgnoredSection_isStillReported() {
        let yaml = "x-shared:\n  a: 1\n  a: 2\n" + ScheduleFileFixtures.valid
        #expect(ScheduleFileFixtures.errors(yaml) == ["schedules.yaml:3:3: error: duplicate key 'a' (first defined at line 2)"])
    }

    @Test func load_threeEqualKeys_reportsBothRepeats() {
        let yaml = ScheduleFileFixtures.valid.insertingLines(after: 25, "    timeout: 5m\n    timeout: 6m")
        #expect(ScheduleFileFixtures.errors(yaml) == [
            "schedules.yaml:26:5: error: jobs.sync-payments: duplicate key 'timeout' (first defined at line 25)",
            "schedules.yaml:27:5: error: jobs.sync-payments: duplicate key 'timeout' (first defined at line 25)",
        ])
    }
}
