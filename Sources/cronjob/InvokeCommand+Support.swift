import AWS
import Foundation
import UnixSignals

extension InvokeCommand {
    /// The awslogs stream of the container: `<prefix>/<container>/<task id>`.
    static func stream(_ container: ContainerDefinition, taskId: String) -> TaskFollower.LogStream? {
        guard let logs = container.logConfiguration, logs.logDriver == "awslogs",
              let group = logs.options?["awslogs-group"], let prefix = logs.options?["awslogs-stream-prefix"]
        else { return nil }
        return TaskFollower.LogStream(group: group, name: "\(prefix)/\(container.name)/\(taskId)")
    }

    /// `CRONJOB_INVOKE_POLL_INTERVAL` (milliseconds; tests shorten it), else 2 s.
    static func pollInterval(_ variables: [String: String]) -> Duration {
        guard let text = variables["CRONJOB_INVOKE_POLL_INTERVAL"], let ms = Int(text), ms >= 50 else { return .seconds(2) }
        return .milliseconds(ms)
    }

    /// One line naming what AWS refused (or why it could not be reached), with the exit code that goes with it.
    static func failure(_ error: AWSError, hint: String) -> CommandFailure {
        switch (error.kind, error.code) {
        case (.refused, "ClientException") where error.operation == "ecs:DescribeTaskDefinition":
            return CommandFailure("\(error.description): no \(hint)", exitCode: 78)
        case (.refused, "ClusterNotFoundException"):
            return CommandFailure("\(error.description): \(hint)", exitCode: 78)
        default:
            return CommandFailure(error.description, exitCode: error.exitCode)
        }
    }

    /// First SIGINT/SIGTERM: StopTask with a reason, keep following. Second: detach (exit 130/143).
    static func watchSignals(clients: AWSClients, cluster: String, taskArn: String, user: String?, output: InvokeOutput) -> Task<Void, Never> {
        Task {
            var received = 0
            for await signal in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                received += 1
                let name = signal == .sigint ? "SIGINT" : "SIGTERM"
                let code: Int32 = signal == .sigint ? 130 : 143
                guard received == 1 else {
                    output.progress("detached; task \(taskArn) may still be stopping")
                    Foundation.exit(code)
                }
                output.progress("\(name): stopping task \(taskArn) (press Ctrl-C again to detach)")
                let reason = "Stopped by cronjob invoke (\(name) from \(user ?? "unknown user"))"
                Task {
                    do throws(AWSError) {
                        _ = try await clients.stopTask(StopTaskRequest(cluster: cluster, task: taskArn, reason: reason))
                    } catch {
                        output.progress("StopTask failed: \(error.description)")
                    }
                }
            }
        }
    }
}
