import ArgumentParser
import Foundation
import Jobs
import Runner
import Schedules

/// What schedules.yaml contributes to a local `cronjob run`: the job's timeout and concurrency and, with --env,
/// that environment's non-secret variables. In the container the compiled command line carries these instead.
struct ScheduleDefaults {
    var timeout: Duration?
    var concurrency: RunRequest.Concurrency?
    var variables: [String: String]

    /// nil when there is no schedule file and none is required.
    static func resolve(job: String, environment: String?, file: String) throws -> ScheduleDefaults? {
        guard FileManager.default.fileExists(atPath: file) else {
            if environment != nil {
                throw CommandFailure("\(file) not found: --env needs the schedule file for that environment's variables", exitCode: RunExitCode.configuration)
            }
            return nil
        }
        let loaded = try ScheduleFileOptions.load(path: file)
        let schedule = loaded.file
        guard let environmentName = environment else {
            guard let entry = schedule.job(named: job) else { return nil }
            let settings = entry.settings
            return ScheduleDefaults(
                timeout: (settings.timeoutSeconds ?? schedule.defaults.timeoutSeconds).map { .seconds($0) },
                concurrency: (settings.concurrency ?? schedule.defaults.concurrency).flatMap { RunRequest.Concurrency(rawValue: $0.rawValue) },
                variables: [:]
            )
        }
        let deployment = try schedule.environment(flag: environmentName)
        guard let entry = schedule.job(named: job) else {
            return ScheduleDefaults(timeout: nil, concurrency: nil, variables: deployment.variables)
        }
        let resolved = schedule.resolve(entry, in: deployment)
        return ScheduleDefaults(
            timeout: .seconds(resolved.timeoutSeconds),
            concurrency: RunRequest.Concurrency(rawValue: resolved.concurrency.rawValue),
            variables: resolved.environment
        )
    }
}
