import AWS
import Foundation

extension EmulatorState {
    func register(_ input: TaskDefinition) -> TaskDefinition {
        var definition = input
        let revision = (definitions[input.family]?.count ?? 0) + 1
        definition.revision = revision
        definition.status = "ACTIVE"
        definition.taskDefinitionArn = "arn:aws:ecs:\(settings.region):\(settings.account):task-definition/\(input.family):\(revision)"
        definitions[input.family, default: []].append(definition)
        return definition
    }

    /// `family` (latest ACTIVE), `family:revision` or an ARN of either.
    func definition(_ reference: String) throws(EmulatorError) -> TaskDefinition {
        var name = Substring(reference)
        if name.hasPrefix("arn:"), let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        let parts = name.split(separator: ":")
        let found: TaskDefinition?
        if parts.count == 2, let revision = Int(parts[1]) {
            found = definitions[String(parts[0])]?.first { $0.revision == revision }
        } else {
            found = definitions[String(name)]?.last { $0.status == "ACTIVE" }
        }
        guard let found else { throw .clientException("Unable to describe task definition.") }
        return found
    }

    func runTask(_ request: RunTaskRequest, body: String) throws(EmulatorError) -> RunTaskResponse {
        runTaskBodies.append(body)
        let cluster = request.cluster.split(separator: "/").last.map(String.init) ?? request.cluster
        guard settings.clusters.contains(cluster) else { throw EmulatorError(type: "ClusterNotFoundException", message: "Cluster not found.") }
        guard let definition = try? definition(request.taskDefinition) else {
            throw EmulatorError(type: "InvalidParameterException", message: "TaskDefinition not found.")
        }
        guard request.networkConfiguration?.awsvpcConfiguration.subnets.isEmpty == false else {
            throw EmulatorError(type: "InvalidParameterException", message: "Network Configuration must be provided when networkMode 'awsvpc' is specified.")
        }
        if let startedBy = request.startedBy, startedBy.count > 36 {
            throw EmulatorError(type: "InvalidParameterException", message: "startedBy must be at most 36 characters.")
        }
        guard let container = definition.containerDefinitions.first else { throw .clientException("no container") }
        let override = request.overrides?.containerOverrides.first { $0.name == container.name }
        let id = EmulatorState.random(32)
        let arn = "arn:aws:ecs:\(settings.region):\(settings.account):task/\(cluster)/\(id)"
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": settings.workDirectory]
        for pair in container.environment ?? [] { environment[pair.name] = pair.value }
        var missingSecret: String?
        for secret in container.secrets ?? [] {
            if let value = settings.secrets[secret.valueFrom] { environment[secret.name] = value } else { missingSecret = secret.valueFrom }
        }
        for pair in override?.environment ?? [] { environment[pair.name] = pair.value }
        environment["ECS_CONTAINER_METADATA_URI_V4"] = "http://127.0.0.1:\(port)/_metadata/\(id)"
        environment["AWS_REGION"] = settings.region
        let now = Date().timeIntervalSince1970
        let task = ECSTask(
            taskArn: arn, clusterArn: "arn:aws:ecs:\(settings.region):\(settings.account):cluster/\(cluster)",
            taskDefinitionArn: definition.taskDefinitionArn, lastStatus: "PROVISIONING", desiredStatus: "RUNNING",
            startedBy: request.startedBy, containers: [ECSContainer(name: container.name, lastStatus: "PENDING")], createdAt: now)
        let emulated = EmulatedTask(
            task: task, definition: definition, container: container, command: override?.command ?? container.command ?? [],
            environment: environment, tags: request.tags ?? [])
        tasks[arn] = emulated
        taskOrder.append(arn)
        var failure = faults.failNextStart
        faults.failNextStart = nil
        if failure == nil, let missingSecret {
            failure = "ResourceInitializationError: unable to pull secrets or registry auth: retrieve secret from \(missingSecret): ResourceNotFoundException"
        }
        let reason = failure
        Task { await self.advance(arn, failure: reason) }
        return RunTaskResponse(tasks: [task], failures: [])
    }

    /// PROVISIONING → PENDING → RUNNING (process started) or → STOPPED with TaskFailedToStart.
    private func advance(_ arn: String, failure: String?) async {
        try? await Task.sleep(for: .milliseconds(150))
        guard let emulated = tasks[arn], !emulated.stopRequested else { return }
        emulated.task.lastStatus = "PENDING"
        try? await Task.sleep(for: .milliseconds(150))
        guard !emulated.stopRequested else { return }
        if let failure {
            finish(arn, exitCode: nil, stopCode: "TaskFailedToStart", reason: failure)
            return
        }
        do {
            try emulated.start(executable: settings.cronjob, directory: settings.workDirectory, logs: logs) { code in
                Task { await self.exited(arn, code: code) }
            }
            emulated.task.lastStatus = "RUNNING"
            emulated.task.startedAt = Date().timeIntervalSince1970
            emulated.task.containers = [ECSContainer(name: emulated.container.name, lastStatus: "RUNNING")]
        } catch {
            finish(arn, exitCode: nil, stopCode: "TaskFailedToStart", reason: "CannotStartContainerError: \(error)")
        }
    }

    private func exited(_ arn: String, code: Int) {
        guard let emulated = tasks[arn] else { return }
        if emulated.stopRequested {
            finish(arn, exitCode: code, stopCode: emulated.task.stopCode ?? "UserInitiated", reason: emulated.task.stoppedReason ?? "Task stopped by user")
        } else {
            finish(arn, exitCode: code, stopCode: "EssentialContainerExited", reason: "Essential container in task exited")
        }
    }

    private func finish(_ arn: String, exitCode: Int?, stopCode: String, reason: String) {
        guard let emulated = tasks[arn] else { return }
        emulated.task.lastStatus = "STOPPED"
        emulated.task.desiredStatus = "STOPPED"
        emulated.task.stopCode = stopCode
        emulated.task.stoppedReason = reason
        emulated.task.stoppedAt = Date().timeIntervalSince1970
        emulated.task.containers = [ECSContainer(name: emulated.container.name, lastStatus: "STOPPED", exitCode: exitCode)]
    }

    func describeTasks(_ request: DescribeTasksRequest) -> DescribeTasksResponse {
        var found: [ECSTask] = []
        var failures: [ECSFailure] = []
        for arn in request.tasks {
            if let task = tasks[arn]?.task { found.append(task) } else { failures.append(ECSFailure(arn: arn, reason: "MISSING")) }
        }
        return DescribeTasksResponse(tasks: found, failures: failures)
    }

    /// SIGTERM now, SIGKILL after the container's stopTimeout (30 s by default, as on Fargate).
    func stopTask(_ request: StopTaskRequest) throws(EmulatorError) -> StopTaskResponse {
        guard let emulated = tasks[request.task] else { throw EmulatorError(type: "InvalidParameterException", message: "The referenced task was not found.") }
        guard emulated.task.lastStatus != "STOPPED" else { return StopTaskResponse(task: emulated.task) }
        emulated.stopRequested = true
        emulated.task.desiredStatus = "STOPPED"
        emulated.task.stopCode = "UserInitiated"
        emulated.task.stoppedReason = request.reason ?? "Task stopped by user"
        guard let process = emulated.process, process.isRunning else {
            finish(request.task, exitCode: nil, stopCode: "UserInitiated", reason: emulated.task.stoppedReason ?? "")
            return StopTaskResponse(task: emulated.task)
        }
        emulated.task.lastStatus = "DEACTIVATING"
        kill(process.processIdentifier, SIGTERM)
        let grace = emulated.container.stopTimeout ?? 30
        let arn = request.task
        Task {
            try? await Task.sleep(for: .seconds(grace))
            await self.killIfRunning(arn)
        }
        return StopTaskResponse(task: emulated.task)
    }

    private func killIfRunning(_ arn: String) {
        guard let emulated = tasks[arn], emulated.task.lastStatus != "STOPPED", let process = emulated.process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
    }

    func metadata(taskId: String) -> Data? {
        guard let task = tasks.values.first(where: { $0.task.taskId == taskId })?.task else { return nil }
        return Self.json(["TaskARN": task.taskArn, "Cluster": task.clusterArn ?? "", "Family": task.taskDefinitionArn ?? ""])
    }
}
