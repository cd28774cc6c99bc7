import Foundation

/// The watchdog: a task definition and schedule like a job's, whose container runs `cronjob status --env NAME` with
/// the environment's schedules in `CRONJOB_STATUS_JOBS` (the image has no schedules.yaml). It is appended to the
/// plan's jobs, so every format and target compiles it, the invoke role may start it, and the task-failure rule
/// reports its exit 1 (a job is down) to the alarm topic.
enum WatchdogPlan {
    static func job(
        _ settings: WatchdogSettings, file: ScheduleFile, environment: DeploymentEnvironment, target: CompileTarget
    ) -> ResolvedJob {
        let spec = StatusSpec(file: file, environment: environment, target: target)
        var variables = environment.variables
        variables[StatusSpec.variable] = spec.json
        // The spec carries the time zone the target reads cron in, so the command needs no --target.
        let command = ["status", "--env", environment.name]
        let fallback = ScheduleFile.builtInDefaults
        return ResolvedJob(
            name: WatchdogSettings.name, schedule: settings.schedule,
            description: "Compare every job's schedule with its run history; exit 1 when a job is down.",
            cpu: fallback.cpu!, memory: fallback.memory!, timeoutSeconds: settings.timeoutSeconds,
            concurrency: .allow, parallelism: 1, retries: fallback.retries!, stopTimeoutSeconds: 30,
            enabled: settings.isEnabled(in: environment.name), environment: variables, commandOverride: command
        )
    }
}
