import AWS
import Foundation

/// A change set of the compiled template against the environment's stack, created and described to the end.
struct StackChangeSet {
    let client: CloudFormationClient
    let stackName: String
    /// The stack's id (ARN) once the change set exists: later calls name it, not the name, so that a stack left
    /// in REVIEW_IN_PROGRESS by an earlier CREATE change set is never confused with this one.
    let stackId: String
    let name: String
    /// The change set's ARN.
    let id: String
    let type: CreateChangeSetRequest.ChangeSetType
    /// The resource changes; empty when CloudFormation found none.
    let changes: [ResourceChange]
    /// The template the stack runs now (nil for a stack not created yet).
    let deployedTemplate: String?

    /// Creates the change set and waits until CloudFormation has computed it.
    static func create(
        client: CloudFormationClient, template: StackTemplate, purpose: String, pollInterval: Duration
    ) async throws(CommandFailure) -> StackChangeSet {
        let stackName = template.stackName
        let existing: StackDescription?
        do throws(AWSError) {
            existing = try await client.describeStack(stackName)
        } catch {
            throw CommandFailure(error)
        }
        if let existing, !existing.isReviewOnly {
            if existing.status == "ROLLBACK_COMPLETE" || existing.status == "ROLLBACK_FAILED" {
                throw CommandFailure(
                    "stack \(stackName) is \(existing.status) after a failed creation; delete it (aws cloudformation delete-stack --stack-name \(stackName)) and deploy again",
                    exitCode: 1)
            }
            if existing.status.hasSuffix("_IN_PROGRESS") {
                throw CommandFailure("stack \(stackName) is busy (\(existing.status)); try again when it settles", exitCode: 1)
            }
        }
        let type: CreateChangeSetRequest.ChangeSetType = (existing == nil || existing?.isReviewOnly == true) ? .create : .update
        var deployed: String?
        if type == .update {
            do throws(AWSError) {
                deployed = try await client.getTemplate(stackName: stackName)
            } catch {
                throw CommandFailure(error)
            }
        }
        let name = changeSetName(purpose: purpose)
        var request = CreateChangeSetRequest(stackName: stackName, changeSetName: name, changeSetType: type, templateBody: template.body)
        request.description = "cronjob \(purpose) of \(template.plan.environment)"
        let created: CreateChangeSetResponse
        do throws(AWSError) {
            created = try await client.createChangeSet(request)
        } catch {
            throw CommandFailure(error)
        }
        let stackId = created.stackId ?? stackName
        let id = created.id.isEmpty ? name : created.id
        let changes = try await waitForChanges(client: client, stackName: stackId, name: id, pollInterval: pollInterval)
        return StackChangeSet(
            client: client, stackName: stackName, stackId: stackId, name: name, id: id, type: type, changes: changes, deployedTemplate: deployed)
    }

    /// Polls DescribeChangeSet until CREATE_COMPLETE (all pages of changes) or FAILED ("no changes" is empty).
    static func waitForChanges(
        client: CloudFormationClient, stackName: String, name: String, pollInterval: Duration
    ) async throws(CommandFailure) -> [ResourceChange] {
        let deadline = ContinuousClock.now + .seconds(900)
        while true {
            var page: ChangeSetDescription
            do throws(AWSError) {
                page = try await client.describeChangeSet(stackName: stackName, changeSetName: name)
            } catch {
                throw CommandFailure(error)
            }
            if page.isEmptyFailure { return [] }
            if page.status == "FAILED" {
                throw CommandFailure("CloudFormation could not create change set \(name): \(page.statusReason ?? "no reason given")", exitCode: 1)
            }
            if page.status == "CREATE_COMPLETE" {
                var changes = page.changes
                var pages = 1
                while let token = page.nextToken, pages < 100 {
                    do throws(AWSError) {
                        page = try await client.describeChangeSet(stackName: stackName, changeSetName: name, nextToken: token)
                    } catch {
                        throw CommandFailure(error)
                    }
                    changes += page.changes
                    pages += 1
                }
                return changes
            }
            guard ContinuousClock.now < deadline else {
                throw CommandFailure("change set \(name) was not ready after 15 minutes", exitCode: 1)
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Deletes the change set, and the empty REVIEW_IN_PROGRESS stack a CREATE change set made, so a `diff` leaves
    /// nothing behind; a failure is only worth a warning.
    func discard(output: InvokeOutput) async {
        do throws(AWSError) {
            try await client.deleteChangeSet(stackName: stackId, changeSetName: id)
            if type == .create { try await client.deleteStack(stackId) }
        } catch {
            output.progress("could not delete change set \(name): \(error.description)")
        }
    }

    func execute() async throws(AWSError) {
        try await client.executeChangeSet(stackName: stackId, changeSetName: id)
    }

    /// `cronjob-diff-20261204T163000-1a2b3c`: starts with a letter, letters, digits and dashes, unique per run.
    static func changeSetName(purpose: String, now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        let suffix = UUID().uuidString.prefix(6).lowercased()
        return "cronjob-\(purpose)-\(formatter.string(from: now))-\(suffix)"
    }

    /// `CRONJOB_DEPLOY_POLL_INTERVAL` (milliseconds; tests shorten it), else 2 s.
    static func pollInterval(_ variables: [String: String]) -> Duration {
        guard let text = variables["CRONJOB_DEPLOY_POLL_INTERVAL"], let ms = Int(text), ms >= 50 else { return .seconds(2) }
        return .milliseconds(ms)
    }
}
