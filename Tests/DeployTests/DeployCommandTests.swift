import Foundation
import TestSupport
import Testing

/// `cronjob deploy` against the moto server: first deploy, update, rejection, confirmation.
@Suite(.serialized) struct DeployCommandTests {
    @Test func deploy_firstTime_createsStack_thenDiffIsClean() throws {
        let fixture = try StackFixture()
        let preview = try fixture.diff()
        #expect(preview.status == 2, "\(preview.combined)")
        #expect(preview.stdout.contains("new stack"))
        #expect(preview.stdout.contains("job sync-payments"))
        #expect(preview.stdout.contains("+ rule RuleSyncPayments added"))

        let deployed = try fixture.deploy()
        #expect(deployed.status == 0, "\(deployed.combined)")
        #expect(deployed.stdout.contains("\(fixture.stack): CREATE_COMPLETE"))
        #expect(deployed.stdout.contains("CREATE_IN_PROGRESS"))
        expectNothingSecret(deployed)

        let after = try fixture.diff()
        #expect(after.status == 0, "\(after.combined)")
        #expect(after.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(fixture.stack): no changes")
        let again = try fixture.deploy()
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing to deploy"))
    }

    @Test func deploy_update_appliesAndSecondDiffIsClean() throws {
        let fixture = try StackFixture()
        #expect(try fixture.deploy().status == 0)
        try fixture.write(StackFixture.Jobs.standard(schedule: "rate(10 minutes)"))
        let updated = try fixture.deploy()
        #expect(updated.status == 0, "\(updated.combined)")
        #expect(updated.stdout.contains("ScheduleExpression: rate(5 minutes) -> rate(10 minutes)"))
        #expect(updated.stdout.contains("\(fixture.stack): UPDATE_COMPLETE"))
        let after = try fixture.diff()
        #expect(after.status == 0, "\(after.combined)")
    }

    @Test func deploy_rejectedByCloudFormation_exits1WithReason() async throws {
        let fixture = try StackFixture()
        try await fixture.occupyLogGroup()
        let result = try fixture.deploy()
        #expect(result.status == 1, "\(result.combined)")
        #expect(result.stderr.contains("deploy failed"))
        #expect(result.stderr.contains("log group already exists"))
        expectNothingSecret(result)
    }

    @Test func deploy_withoutTerminalOrYes_refuses64() throws {
        let fixture = try StackFixture()
        let result = try fixture.run(["deploy"])
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("--yes"))
        #expect(result.stdout.isEmpty)
    }

    @Test func deploy_noCredentials_exits78() throws {
        let fixture = try StackFixture()
        let result = try fixture.run(["deploy", "--yes"], environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
        #expect(result.status == 78, "\(result.combined)")
        #expect(result.stderr.contains("no AWS credentials"))
    }
}
