import ArgumentParser
import Foundation
import Runner

/// `cronjob diff`: what a deploy of the environment would change, from a CloudFormation change set.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what `cronjob deploy` would change in an environment's stack (a CloudFormation change set).",
        discussion: """
            Compiles the environment's CloudFormation template (as `cronjob compile --format cloudformation`), creates \
            a change set against its stack cronjob-ENV (a CREATE change set when the stack does not exist yet), prints \
            the changes grouped by job (rules or schedules, task definitions), then IAM, alarms, the log group and the \
            rest, and deletes the change set. Environment variables and secrets are named, never valued.

            AWS credentials, region and endpoints come from the usual places (see `cronjob invoke --help`); \
            AWS_ENDPOINT_URL_CLOUDFORMATION or AWS_ENDPOINT_URL point at another endpoint.

            Exit codes: 0 no changes, 2 changes (as `git diff --exit-code`), 78 AWS refused (no credentials, access \
            denied) or schedules.yaml is invalid, 64 unknown environment, 1 any other failure.
            """
    )

    @OptionGroup var options: StackCommandOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let output = InvokeOutput()
        do {
            let (_, changeSet, report) = try await options.prepare(purpose: "diff", output: output)
            await changeSet.discard(output: output)
            output.standardOutput(json ? report.json : report.text)
            if report.changed { throw ExitCode(2) }
        }
    }
}
