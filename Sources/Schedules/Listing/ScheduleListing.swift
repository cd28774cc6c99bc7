import Foundation

/// What `cronjob schedules` shows: per environment, each job with its expression, its meaning, its next
/// fire times (UTC, ISO 8601) and its task settings. Encodes to JSON with stable, sorted keys.
public struct ScheduleListing: Codable, Sendable, Equatable {
    public var file: String
    /// Fire times are strictly after this instant.
    public var from: String
    public var environments: [Environment]

    public struct Environment: Codable, Sendable, Equatable {
        public var name: String
        public var account: String?
        public var region: String?
        public var cluster: String?
        public var jobs: [Job]
    }

    public struct Job: Codable, Sendable, Equatable {
        public var name: String
        public var description: String
        public var schedule: String
        public var meaning: String
        /// Empty when the job is disabled in this environment or the expression never fires again.
        public var next: [String]
        public var cpu: Int
        public var memory: Int
        public var timeout: String
        public var timeoutSeconds: Int
        public var concurrency: String
        public var parallelism: Int
        public var retries: Int
        public var stopTimeoutSeconds: Int
        public var enabled: Bool
    }

    /// Lists `environments` (in the order given) with `count` fire times per enabled job after `from`.
    public init(file: ScheduleFile, environments: [DeploymentEnvironment], from: Date, count: Int) {
        self.file = file.path
        self.from = Self.timestamp(from)
        self.environments = environments.map { environment in
            Environment(
                name: environment.name, account: environment.account, region: environment.region,
                cluster: environment.cluster,
                jobs: file.jobs.map { job in
                    let resolved = file.resolve(job, in: environment)
                    return Job(
                        name: resolved.name, description: resolved.description, schedule: resolved.schedule.text,
                        meaning: resolved.schedule.meaning,
                        next: resolved.enabled ? Self.fireTimes(of: resolved.schedule, after: from, count: count) : [],
                        cpu: resolved.cpu, memory: resolved.memory,
                        timeout: DurationText.format(resolved.timeoutSeconds), timeoutSeconds: resolved.timeoutSeconds,
                        concurrency: resolved.concurrency.rawValue, parallelism: resolved.parallelism,
                        retries: resolved.retries, stopTimeoutSeconds: resolved.stopTimeoutSeconds, enabled: resolved.enabled
                    )
                }
            )
        }
    }

    /// Up to `count` fire times strictly after `instant`, as ISO 8601 UTC timestamps.
    public static func fireTimes(of expression: ScheduleExpression, after instant: Date, count: Int) -> [String] {
        var times: [String] = []
        var cursor = instant
        while times.count < count, let next = expression.nextFireTime(after: cursor), next > cursor {
            times.append(timestamp(next))
            cursor = next
        }
        return times
    }

    /// `2025-06-01T12:05:00Z`, from whole seconds on the proleptic Gregorian calendar: exact for any fire time the
    /// engine can return (Foundation's ISO 8601 style stops at year 506713 and prints that date for anything later).
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = CivilDate.floorDiv(seconds, 86_400)
        let second = seconds - days * 86_400
        let (year, month, day) = CivilDate.date(days: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
        return "\(yearText)-\(two(Int64(month)))-\(two(Int64(day)))T\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))Z"
    }

    /// Pretty-printed JSON, keys sorted and snake_case, ending with a newline.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
