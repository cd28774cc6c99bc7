import AWS
import ArgumentParser
import Foundation
import Schedules

/// The options `cronjob diff` and `cronjob deploy` share, and their common first steps.
struct StackCommandOptions: ParsableArguments {
    @Option(help: "The environment in schedules.yaml (its stack is cronjob-ENV).")
    var env: String

    @Option(help: "Container image for every job in this run, replacing the environment's image (e.g. a CI build's tag).")
    var image: String?

    @Option(help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, then the environment's region).")
    var region: String?

    @Option(help: "What fires the jobs: rules (EventBridge rules) or scheduler (EventBridge Scheduler), as for compile.")
    var target: CompileTarget = .rules

    @Option(help: "The schedule file.")
    var file = "schedules.yaml"

    /// Compiles the template, resolves the AWS session and creates the change set (`purpose`: diff or deploy).
    func prepare(purpose: String, output: InvokeOutput) async throws(CommandFailure) -> (StackTemplate, StackChangeSet, ChangeReport) {
        let template = try StackTemplate.compile(file: file, environment: env, image: image, target: target)
        let variables = ProcessInfo.processInfo.environment
        let session: AWSSession
        do throws(AWSError) {
            session = try AWSSession(variables: variables, regionFlag: region, fallbackRegion: template.region) { operation, error, wait in
                output.progress("\(operation) \(error.code ?? "unavailable"), retrying in \(Int(wait / .milliseconds(1))) ms")
            }
        } catch {
            throw CommandFailure(error)
        }
        let changeSet = try await StackChangeSet.create(
            client: session.cloudFormation, template: template, purpose: purpose,
            pollInterval: StackChangeSet.pollInterval(variables))
        let report = ChangeReport(
            stack: template.stackName, type: changeSet.type.rawValue, changes: changeSet.changes, template: template,
            deployed: changeSet.deployedTemplate)
        return (template, changeSet, report)
    }
}
