import AWS
import Foundation
import Runner
import Schedules

/// What `invoke` starts, from schedules.yaml: the environment's cluster and network, the job's compiled family,
/// and the command override. Pure, so that the mapping is testable without AWS.
struct InvokeTarget {
    var environment: DeploymentEnvironment
    var job: ResolvedJob
    var names: AWSNames
    var family: String { names.family(job: job.name) }

    /// The target, or a failure naming what the environment lacks.
    static func make(file: ScheduleFile, environment name: String, job: String) throws(CommandFailure) -> InvokeTarget {
        let environment = try file.environment(flag: name)
        guard let schedule = file.job(named: job) else {
            throw CommandFailure("\(file.path): job '\(job)' is not scheduled, so no task definition was compiled for it", exitCode: 78)
        }
        guard let cluster = environment.cluster, !cluster.isEmpty else {
            throw CommandFailure("\(file.path): environment \(name) has no cluster", exitCode: 78)
        }
        guard !environment.subnets.isEmpty else {
            throw CommandFailure("\(file.path): environment \(name) has no subnets (awsvpc needs at least one)", exitCode: 78)
        }
        let names = AWSNames(environment: name, account: environment.account ?? "", region: environment.region ?? "", cluster: cluster)
        return InvokeTarget(environment: environment, job: file.resolve(schedule, in: environment), names: names)
    }

    /// `run <job> --timeout … --concurrency …` as compiled, without `--scheduled-at` (so the run is recorded as
    /// `trigger = manual`), with `--dry-run --json` for a dry run: the plan comes back as JSON and is printed here.
    func command(timeout: String?, dryRun: Bool, offline: Bool) -> [String] {
        var command = ["run", job.name, "--timeout", timeout ?? "\(job.timeoutSeconds)s", "--concurrency", job.concurrency.rawValue]
        if dryRun { command += ["--dry-run", "--json"] + (offline ? ["--offline"] : []) }
        return command
    }

    func runTaskRequest(taskDefinition: String, container: String, command: [String], startedBy: String) -> RunTaskRequest {
        // Started as the schedules start it: the same capacity, platform version and network.
        let launch = ECSTaskLaunch(environment)
        var request = RunTaskRequest(cluster: names.clusterName, taskDefinition: taskDefinition)
        switch launch.capacity {
        case .launchType(let type):
            request.launchType = type
        case .strategy(let items):
            request.launchType = nil
            request.capacityProviderStrategy = items.map {
                CapacityProviderItem(capacityProvider: $0.capacityProvider, weight: $0.weight, base: $0.base)
            }
        }
        request.platformVersion = launch.platformVersion
        request.networkConfiguration = NetworkConfiguration(
            subnets: launch.subnets, securityGroups: launch.securityGroups, assignPublicIp: launch.assignPublicIp)
        request.overrides = TaskOverride(containerOverrides: [ContainerOverride(name: container, command: command)])
        request.startedBy = startedBy
        var tags = environment.tags
        tags["cronjob:environment"] = environment.name
        tags["cronjob:job"] = job.name
        tags["cronjob:trigger"] = "manual"
        request.tags = tags.sorted { $0.key < $1.key }.map { Tag(key: $0.key, value: $0.value) }
        request.enableECSManagedTags = true
        request.clientToken = UUID().uuidString
        return request
    }

    /// `cronjob-invoke/<user>`, at most 36 characters of the set ECS allows (letters, digits, `-`, `_`, `/`).
    static func startedBy(user: String?) -> String {
        let allowed = (user ?? "unknown").unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || scalar == "-" || scalar == "_" ? Character(scalar) : "_"
        }
        return String(("cronjob-invoke/" + String(allowed)).prefix(36))
    }
}
