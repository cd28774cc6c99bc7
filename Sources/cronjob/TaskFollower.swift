import AWS
import Foundation

/// Waits for one task to stop, streaming its awslogs stream meanwhile, and works out the exit code:
/// the container's own, or 69 when it never ran its command.
struct TaskFollower {
    struct LogStream {
        var group: String
        var name: String
    }

    let clients: AWSClients
    let cluster: String
    let taskArn: String
    let container: String
    /// nil: only wait (`--no-follow`, or a task definition without awslogs stream prefix).
    let stream: LogStream?
    let pollInterval: Duration
    let dryRun: Bool
    let output: InvokeOutput

    /// Plan lines (dry run) in arrival order.
    final class Collected: @unchecked Sendable {
        var planLines: [String] = []
    }

    func follow(collected: Collected) async throws(AWSError) -> (task: ECSTask, exitCode: Int32) {
        var lastStatus = ""
        var token: String?
        var roundsSinceStop = 0
        var taskId = String(taskArn.split(separator: "/").last ?? "")
        while true {
            let answer = try await clients.describeTasks(DescribeTasksRequest(cluster: cluster, tasks: [taskArn]))
            guard let task = answer.tasks?.first(where: { $0.taskArn == taskArn }) else {
                let reason = answer.failures?.first?.reason ?? "not found"
                throw AWSError(.refused, code: nil, message: "task \(taskId) is not described (\(reason))", operation: "ecs:DescribeTasks")
            }
            taskId = task.taskId
            // Logs first, then the status: what the task printed before it stopped shows before `STOPPED`.
            var newEvents = 0
            if let stream {
                newEvents = try await drain(stream, token: &token, collected: collected)
            }
            if let status = task.lastStatus, status != lastStatus {
                lastStatus = status
                output.progress("task \(taskId) \(status)")
            }
            if task.isStopped {
                // CloudWatch Logs may deliver the last lines a moment after STOPPED: read until a quiet round.
                if stream == nil || (roundsSinceStop >= 1 && newEvents == 0) { return (task, Self.exitCode(of: task, container: container)) }
                roundsSinceStop += 1
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Reads every page available now; a stream that does not exist yet (task still starting) is not an error.
    private func drain(_ stream: LogStream, token: inout String?, collected: Collected) async throws(AWSError) -> Int {
        var count = 0
        while true {
            let page: GetLogEventsResponse
            do throws(AWSError) {
                page = try await clients.getLogEvents(GetLogEventsRequest(logGroupName: stream.group, logStreamName: stream.name, nextToken: token))
            } catch where error.code == "ResourceNotFoundException" {
                return count
            }
            let events = page.events ?? []
            for event in events { show(event.message, collected: collected) }
            count += events.count
            let next = page.nextForwardToken
            if events.isEmpty || next == nil || next == token {
                if next != nil { token = next }
                return count
            }
            token = next
        }
    }

    private func show(_ message: String, collected: Collected) {
        switch InvokeLogLine.classify(message) {
        case .log(let line):
            if dryRun { output.logToStandardError(line) } else { output.standardOutput(line) }
        case .other(let line):
            if dryRun { collected.planLines.append(line) } else { output.standardOutput(line) }
        }
    }

    /// The essential container's exit code; 69 when there is none (the command never ran or never finished).
    static func exitCode(of task: ECSTask, container: String) -> Int32 {
        let match = task.containers?.first { $0.name == container } ?? task.containers?.first
        if let code = match?.exitCode { return Int32(clamping: code) }
        return 69
    }
}

/// Where `invoke` writes: the task's output on stdout, progress on stderr.
struct InvokeOutput: Sendable {
    func progress(_ line: String) { write("cronjob: \(line)\n", to: FileHandle.standardError) }
    func logToStandardError(_ line: String) { write(line + "\n", to: FileHandle.standardError) }
    func standardOutput(_ line: String) { write(line + "\n", to: FileHandle.standardOutput) }

    private func write(_ text: String, to handle: FileHandle) { handle.write(Data(text.utf8)) }
}
