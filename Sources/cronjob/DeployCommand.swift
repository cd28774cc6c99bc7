import AWS
import ArgumentParser
import Foundation
import Runner

/// `cronjob deploy`: the change set `cronjob diff` shows, executed, with the stack's events as progress lines.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy an environment's schedules: show the CloudFormation change set, execute it and follow the stack.",
        discussion: """
            Creates the change set `cronjob diff` shows and prints it. On a terminal it asks before executing; \
            elsewhere (CI) pass --yes, without which it refuses (64). Then follows the stack's events until \
            CREATE_COMPLETE or UPDATE_COMPLETE (0), or prints the first failing resource and its reason after \
            CloudFormation's rollback (1). An empty change set is "nothing to deploy" (0). --image replaces the \
            environment's image for this deploy, the common CI case:

              cronjob deploy --env production --image "$IMAGE" --yes

            Exit codes: 0 deployed or nothing to deploy, 1 the deploy failed, 64 no confirmation, 78 AWS refused \
            (no credentials, access denied) or schedules.yaml is invalid.
            """
    )

    @OptionGroup var options: StackCommandOptions

    @Flag(help: "Deploy without asking (for CI).")
    var yes = false

    func run() async throws {
        let output = InvokeOutput()
        let interactive = isatty(STDIN_FILENO) == 1
        guard yes || interactive else {
            throw CommandFailure("refusing to deploy without confirmation: standard input is not a terminal; pass --yes", exitCode: RunExitCode.usage)
        }
        try await deploy(interactive: interactive, output: output)
    }

    private func deploy(interactive: Bool, output: InvokeOutput) async throws {
        let (_, changeSet, report) = try await options.prepare(purpose: "deploy", output: output)
        guard report.changed else {
            await changeSet.discard(output: output)
            output.standardOutput("\(report.stack): nothing to deploy")
            return
        }
        output.standardOutput(report.text)
        if !yes {
            FileHandle.standardError.write(Data("Deploy these changes to \(report.stack)? [y/N] ".utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else {
                await changeSet.discard(output: output)
                output.progress("not deployed")
                throw ExitCode(1)
            }
        }
        let follower = StackEventFollower(
            client: changeSet.client, stackName: changeSet.stackId, displayName: changeSet.stackName,
            pollInterval: StackChangeSet.pollInterval(ProcessInfo.processInfo.environment), output: output)
        let before = await follower.knownEventIds()
        do throws(AWSError) {
            try await changeSet.execute()
        } catch {
            let failure = CommandFailure(error)
            if failure.exitCode == 78 { throw failure }
            throw CommandFailure("deploy failed: CloudFormation rejected the change set: \(error.description)", exitCode: 1)
        }
        output.standardOutput("executing change set \(changeSet.name)")
        try await follower.follow(seen: before)
    }
}
