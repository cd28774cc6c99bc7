import AWS
import ArgumentParser
import Foundation
import Jobs
import Runner
import Schedules

/// `cronjob invoke`: run a job's compiled task definition on ECS, stream its logs, exit with its exit code.
struct InvokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Run a job as an ECS task in an environment, stream its logs and exit with its exit code.",
        discussion: """
            Starts the latest ACTIVE revision of the job's compiled task definition (family cronjob-ENV-JOB) with \
            RunTask on the environment's cluster, subnets and security groups, as `run JOB` without --scheduled-at \
            (recorded as trigger = manual), prints the task ARN, streams its CloudWatch logs and exits with the \
            container's exit code. Ctrl-C or SIGTERM stops the task (StopTask) and waits for its drain; a second \
            Ctrl-C detaches. With --dry-run the plan the task printed is shown here, as `cronjob run --dry-run` shows it.

            AWS credentials, region and endpoints come from the usual places: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, \
            AWS_SESSION_TOKEN; AWS_PROFILE with ~/.aws/credentials and ~/.aws/config (credential_process too), the ECS \
            container endpoint, EC2 IMDSv2; --region, AWS_REGION, AWS_DEFAULT_REGION, the profile, then the \
            environment's region; AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, AWS_ENDPOINT_URL.

            Exit codes: the container's own (0, 1, 64, 69, 75, 78, 124, 143 ...); 69 when the task never ran its \
            command (it failed to start) or AWS stayed unavailable; 78 when AWS refused (no credentials, access \
            denied, unknown cluster or task definition) or schedules.yaml is invalid; 130/143 after detaching.
            """
    )

    @Argument(help: "The job to run (see `cronjob jobs`).")
    var job: String

    @Option(help: "The environment in schedules.yaml (cluster, network, region, family names).")
    var env: String

    @Option(help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, then the environment's region).")
    var region: String?

    @Flag(help: "Run the job's dry run in the task and print its plan here.")
    var dryRun = false

    @Flag(help: "With --dry-run: print the plan as JSON.")
    var json = false

    @Flag(help: "With --dry-run: answer provider reads from simulated responses too.")
    var offline = false

    @Option(help: "Deadline passed to the task's run, e.g. 4m (default: the schedule's timeout).")
    var timeout: String?

    @Flag(help: "Print the task ARN and exit 0 without waiting.")
    var noWait = false

    @Flag(inversion: .prefixedNo, help: "Stream the task's CloudWatch logs while waiting (--no-follow only waits).")
    var follow = true

    @OptionGroup var scheduleFile: ScheduleFileOptions

    func validate() throws {
        try JobFlags.validate(job: job, timeout: timeout)
        if (json || offline) && !dryRun { throw ValidationError("--json and --offline only apply with --dry-run") }
        if noWait && dryRun { throw ValidationError("--dry-run prints the plan when the task ends; it cannot be combined with --no-wait") }
    }

    func run() async throws {
        try await invoke()
    }

    private func invoke() async throws {
        let output = InvokeOutput()
        let loaded = try scheduleFile.load()
        let target = try InvokeTarget.make(file: loaded.file, environment: env, job: job)
        let variables = ProcessInfo.processInfo.environment
        let session: AWSSession
        do throws(AWSError) {
            session = try AWSSession(variables: variables, regionFlag: region, fallbackRegion: target.environment.region) { operation, error, wait in
                let ms = Int(wait / .milliseconds(1))
                output.progress("\(operation) \(error.code ?? "unavailable"), retrying in \(ms) ms")
            }
        } catch {
            throw CommandFailure(error.description, exitCode: error.exitCode)
        }
        let clients = session.clients
        let family = target.family
        let definition: TaskDefinition
        do throws(AWSError) {
            definition = try await clients.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: family)).taskDefinition
        } catch {
            throw Self.failure(error, hint: "task definition family \(family) in \(session.region) (deploy it with `cronjob compile --env \(env)`)")
        }
        guard let container = definition.containerDefinitions.first(where: { $0.name == DeploymentPlan.containerName })
            ?? definition.containerDefinitions.first
        else { throw CommandFailure("task definition \(family) has no container", exitCode: 78) }

        let user = variables["USER"] ?? variables["LOGNAME"]
        let request = target.runTaskRequest(
            taskDefinition: definition.taskDefinitionArn ?? family, container: container.name,
            command: target.command(timeout: timeout, dryRun: dryRun, offline: offline), startedBy: InvokeTarget.startedBy(user: user))
        let started: RunTaskResponse
        do throws(AWSError) {
            started = try await clients.runTask(request)
        } catch {
            throw Self.failure(error, hint: "cluster \(target.names.clusterName) in \(session.region)")
        }
        guard let task = started.tasks?.first else {
            let failure = started.failures?.first
            throw CommandFailure("RunTask started no task: \(failure?.reason ?? "no reason given")\(failure?.detail.map { " (\($0))" } ?? "")", exitCode: 69)
        }
        if noWait {
            output.standardOutput(task.taskArn)
            return
        }
        output.progress("started \(task.taskArn) (\(definition.family):\(definition.revision.map(String.init) ?? "?"))")
        let stream = follow ? Self.stream(container, taskId: task.taskId) : nil
        if follow && stream == nil { output.progress("the task definition has no awslogs stream prefix: waiting without logs") }

        let stopper = Self.watchSignals(clients: clients, cluster: target.names.clusterName, taskArn: task.taskArn, user: user, output: output)
        defer { stopper.cancel() }
        let follower = TaskFollower(
            clients: clients, cluster: target.names.clusterName, taskArn: task.taskArn, container: container.name,
            stream: stream, pollInterval: Self.pollInterval(variables), dryRun: dryRun, output: output)
        let collected = TaskFollower.Collected()
        let result: (task: ECSTask, exitCode: Int32)
        do throws(AWSError) {
            result = try await follower.follow(collected: collected)
        } catch {
            throw Self.failure(error, hint: "task \(task.taskId)")
        }
        let ran = result.task.containers?.contains { $0.exitCode != nil } ?? false
        if !ran {
            throw CommandFailure(
                "task \(result.task.taskId) never ran its command: \(result.task.stopCode ?? "no stop code"): \(result.task.stoppedReason ?? "no reason given")",
                exitCode: 69)
        }
        if dryRun { printPlan(collected.planLines, output: output) }
        output.progress("task \(result.task.taskId) exited with \(result.exitCode)")
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    private func printPlan(_ lines: [String], output: InvokeOutput) {
        let text = lines.joined(separator: "\n")
        if json {
            output.standardOutput(text)
        } else if let plan = DryRunPlanFormatter.plan(fromJSON: text) {
            output.standardOutput(DryRunPlanFormatter.text(plan))
        } else if !lines.isEmpty {
            output.standardOutput(text)
        }
    }
}
