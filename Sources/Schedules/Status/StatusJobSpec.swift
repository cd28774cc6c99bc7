import Foundation

/// What `cronjob status` needs to know of one job: from schedules.yaml locally, or from the compact JSON that
/// `cronjob compile` gives the watchdog task (`CRONJOB_STATUS_JOBS`), where there is no schedules.yaml.
public struct StatusJobSpec: Sendable, Equatable {
    public var name: String
    public var schedule: ScheduleExpression
    public var graceSeconds: Int
    public var failureThreshold: Int
    public var timeoutSeconds: Int
    public var enabled: Bool

    public init(name: String, schedule: ScheduleExpression, graceSeconds: Int, failureThreshold: Int, timeoutSeconds: Int, enabled: Bool) {
        self.name = name
        self.schedule = schedule
        self.graceSeconds = graceSeconds
        self.failureThreshold = failureThreshold
        self.timeoutSeconds = timeoutSeconds
        self.enabled = enabled
    }

    /// With `target` scheduler, a flexible time window may start the run that much later: it widens the grace.
    public init(_ job: ResolvedJob, target: CompileTarget = .rules) {
        let window = target == .scheduler ? (job.flexibleWindowMinutes ?? 0) * 60 : 0
        self.init(
            name: job.name, schedule: job.schedule, graceSeconds: job.graceSeconds + window,
            failureThreshold: job.failureThreshold, timeoutSeconds: job.timeoutSeconds, enabled: job.enabled
        )
    }
}

/// Every job of one environment and the zone their cron fields are read in (UTC unless compiled for Scheduler).
public struct StatusSpec: Sendable, Equatable {
    /// The variable the compiled watchdog task carries the spec in.
    public static let variable = "CRONJOB_STATUS_JOBS"

    public var timeZone: String
    public var jobs: [StatusJobSpec]

    public init(timeZone: String = "UTC", jobs: [StatusJobSpec]) {
        self.timeZone = timeZone
        self.jobs = jobs
    }

    /// The environment's jobs with defaults applied, sorted by name. `timeZone` only for `--target scheduler`.
    public init(file: ScheduleFile, environment: DeploymentEnvironment, target: CompileTarget) {
        let jobs = file.jobs.map { StatusJobSpec(file.resolve($0, in: environment), target: target) }.sorted { $0.name < $1.name }
        self.init(timeZone: target == .scheduler ? environment.timeZone ?? "UTC" : "UTC", jobs: jobs)
    }

    /// Compact JSON with sorted keys, so the compiled output is deterministic.
    public var json: String {
        let jobs: [JSONValue] = self.jobs.map {
            [
                "name": .string($0.name), "schedule": .string($0.schedule.text), "grace": .int($0.graceSeconds),
                "failure_threshold": .int($0.failureThreshold), "timeout": .int($0.timeoutSeconds), "enabled": .bool($0.enabled),
            ]
        }
        let value: JSONValue = ["time_zone": .string(timeZone), "jobs": .array(jobs)]
        return value.compactText
    }

    /// Parses `json`; the error says what is wrong in one line.
    public init(json text: String) throws(StatusSpecError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let entries = object["jobs"] as? [[String: Any]] else {
            throw StatusSpecError(message: "\(Self.variable) is not a JSON object with a jobs array")
        }
        let zone = object["time_zone"] as? String ?? "UTC"
        guard TimeZone(identifier: zone) != nil else { throw StatusSpecError(message: "\(Self.variable): unknown time_zone '\(zone)'") }
        var jobs: [StatusJobSpec] = []
        for (index, entry) in entries.enumerated() {
            guard let name = entry["name"] as? String, let text = entry["schedule"] as? String,
                  let grace = entry["grace"] as? Int, let threshold = entry["failure_threshold"] as? Int,
                  let timeout = entry["timeout"] as? Int, let enabled = entry["enabled"] as? Bool,
                  grace >= 0, threshold >= 1, timeout >= 1 else {
                throw StatusSpecError(message: "\(Self.variable): job \(index + 1) needs name, schedule, grace, failure_threshold, timeout and enabled")
            }
            do {
                jobs.append(StatusJobSpec(
                    name: name, schedule: try ScheduleExpression(parsing: text), graceSeconds: grace,
                    failureThreshold: threshold, timeoutSeconds: timeout, enabled: enabled))
            } catch {
                throw StatusSpecError(message: "\(Self.variable): job \(name): \(error.message)")
            }
        }
        self.init(timeZone: zone, jobs: jobs)
    }
}

public struct StatusSpecError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
