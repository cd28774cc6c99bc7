import Runner
import Schedules

extension ScheduleFile {
    /// The environment `--env NAME` names. An unknown name is a bad flag value (exit 64) whose message lists the
    /// environments there are; every command that takes `--env` checks it here.
    func environment(flag name: String) throws(CommandFailure) -> DeploymentEnvironment {
        switch requireEnvironment(named: name) {
        case .success(let environment): return environment
        case .failure(let unknown): throw CommandFailure(unknown.description, exitCode: RunExitCode.usage)
        }
    }
}
