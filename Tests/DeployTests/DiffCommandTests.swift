import Foundation
import TestSupport
import Testing

/// `cronjob diff` against a stack deployed in the moto server: exactly the edited things, named by job.
@Suite(.serialized) struct DiffCommandTests {
    static let image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/cronjob:1.0.0"

    func deployed() throws -> StackFixture {
        let fixture = try StackFixture()
        let result = try fixture.deploy()
        guard result.status == 0 else { throw StackFixtureError(description: "first deploy: \(result.combined)") }
        return fixture
    }

    @Test func diff_scheduleTaskSizeAndVariable_namesExactlyThose_exits2() throws {
        let fixture = try deployed()
        try fixture.write(StackFixture.Jobs.standard(schedule: "rate(15 minutes)", cpu: 512, memory: 1024, batch: "250"))
        let (status, changes, output) = try fixture.jsonDiff()
        #expect(status == 2, "\(output.combined)")
        // A longer gap between firings widens the job's missed-run alarm, which changes with the schedule.
        #expect(Set(changes.keys) == ["RuleSyncPayments", "TaskDefinitionNotifyUpload", "AlarmNoSuccessSyncPayments"], "\(output.stdout)")
        #expect(changes["RuleSyncPayments"]?.group == "job sync-payments")
        #expect(changes["RuleSyncPayments"]?.details == ["ScheduleExpression: rate(5 minutes) -> rate(15 minutes)"])
        #expect(changes["TaskDefinitionNotifyUpload"]?.action == "replaced")
        #expect(changes["TaskDefinitionNotifyUpload"]?.details == [
            "Cpu: 256 -> 512", "Environment: NOTIFY_UPLOAD_BATCH_SIZE changed", "Memory: 512 -> 1024",
        ])
        expectNothingSecret(output)

        let text = try fixture.diff()
        #expect(text.status == 2)
        #expect(text.stdout.contains("job notify-upload"))
        #expect(text.stdout.contains("~ task definition TaskDefinitionNotifyUpload replaced: Cpu: 256 -> 512"))
        #expect(!text.stdout.contains("250"))
    }

    @Test func diff_noEdit_exits0() throws {
        let fixture = try deployed()
        let result = try fixture.diff()
        #expect(result.status == 0, "\(result.combined)")
        let json = try fixture.jsonDiff()
        #expect(json.status == 0)
        #expect(json.changes.isEmpty)
    }

    @Test func diff_jobRemoved_showsItsRuleAndTaskDefinitionRemoved() throws {
        let fixture = try deployed()
        try fixture.write(StackFixture.Jobs.standard(withPayout: false))
        let (status, changes, output) = try fixture.jsonDiff()
        #expect(status == 2, "\(output.combined)")
        #expect(changes["RuleCheckPayout"]?.action == "removed")
        #expect(changes["TaskDefinitionCheckPayout"]?.action == "removed")
        #expect(changes["RuleCheckPayout"]?.group == "job check-payout")
        // What else changes lists every job: EventBridge's role, the failure alarm's pattern, the queue policy.
        let listsEveryJob: Set<String> = ["EventsRole", "TaskFailureRule", "DeadLetterQueuePolicy"]
        #expect(changes["AlarmNoSuccessCheckPayout"]?.action == "removed", "its missed-run alarm goes with it")
        #expect(Set(changes.keys).subtracting(["RuleCheckPayout", "TaskDefinitionCheckPayout", "AlarmNoSuccessCheckPayout"])
            .isSubset(of: listsEveryJob), "\(output.stdout)")
        let text = try fixture.diff()
        #expect(text.stdout.contains("job check-payout\n  - rule RuleCheckPayout removed\n  - task definition TaskDefinitionCheckPayout removed"))
    }

    @Test func diff_image_changesOnlyTaskDefinitions() throws {
        let fixture = try deployed()
        let newImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/cronjob:2.0.0"
        let (status, changes, output) = try fixture.jsonDiff(["--image", newImage])
        #expect(status == 2, "\(output.combined)")
        #expect(Set(changes.keys) == ["TaskDefinitionSyncPayments", "TaskDefinitionProcessNotifications", "TaskDefinitionNotifyUpload", "TaskDefinitionCheckPayout"], "\(output.stdout)")
        for change in changes.values {
            #expect(change.details == ["Image: \(Self.image) -> \(newImage)"])
        }
    }

    @Test func diff_noCredentials_exits78_andSecretNeverPrinted() throws {
        let fixture = try StackFixture()
        let result = try fixture.run(["diff"], environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
        #expect(result.status == 78, "\(result.combined)")
        let preview = try fixture.diff()
        expectNothingSecret(preview)
    }
}

struct StackFixtureError: Error, CustomStringConvertible {
    let description: String
}
