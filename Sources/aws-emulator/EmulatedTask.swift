import AWS
import Foundation

/// One task: its ECS view, and the local process that plays its essential container.
final class EmulatedTask: @unchecked Sendable {
    var task: ECSTask
    let definition: TaskDefinition
    let container: ContainerDefinition
    let command: [String]
    let environment: [String: String]
    var process: Process?
    var tags: [Tag]
    var stopRequested = false

    init(task: ECSTask, definition: TaskDefinition, container: ContainerDefinition, command: [String],
         environment: [String: String], tags: [Tag]) {
        self.task = task
        self.definition = definition
        self.container = container
        self.command = command
        self.environment = environment
        self.tags = tags
    }

    var logGroup: String? { container.logConfiguration?.options?["awslogs-group"] }
    var logStream: String? {
        container.logConfiguration?.options?["awslogs-stream-prefix"].map { "\($0)/\(container.name)/\(task.taskId)" }
    }

    var summary: [String: Any] {
        var object: [String: Any] = [
            "taskArn": task.taskArn, "lastStatus": task.lastStatus ?? "", "command": command,
            "startedBy": task.startedBy ?? "", "tags": Dictionary(tags.map { ($0.key, $0.value) }) { a, _ in a },
        ]
        object["stopCode"] = task.stopCode
        object["stoppedReason"] = task.stoppedReason
        object["exitCode"] = task.containers?.first?.exitCode
        return object
    }

    /// Starts the process; output goes to the log stream as it comes. `onExit` gets the exit code (128+signal when
    /// killed, as Docker reports it).
    func start(executable: String, directory: String, logs: LogStore, onExit: @escaping @Sendable (Int) -> Void) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = command
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let group = logGroup ?? ""
        let stream = logStream ?? ""
        if !group.isEmpty { logs.create(group: group, stream: stream) }
        let handles = [(out.fileHandleForReading, "stdout"), (err.fileHandleForReading, "stderr")]
        for (reader, source) in handles {
            reader.readabilityHandler = { handle in
                let data = handle.availableData
                guard !data.isEmpty, !group.isEmpty else { return }
                logs.append(data, group: group, stream: stream, source: source)
            }
        }
        process.terminationHandler = { finished in
            for (reader, source) in handles {
                reader.readabilityHandler = nil
                let rest = reader.readDataToEndOfFile()
                if !group.isEmpty { logs.append(rest, group: group, stream: stream, source: source, flush: true) }
            }
            ChildProcesses.shared.remove(finished.processIdentifier)
            let status = Int(finished.terminationStatus)
            onExit(finished.terminationReason == .uncaughtSignal ? 128 + status : status)
        }
        try process.run()
        ChildProcesses.shared.add(process.processIdentifier)
        self.process = process
    }
}
