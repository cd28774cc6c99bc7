import Foundation
import Yams

/// Settings as read from `defaults` or a job, with where each one was written (for later cross-checks).
struct DecodedSettings {
    var settings = JobSettings()
    /// Position of each value, by YAML key (`cpu`, `timeout`, ...).
    var locations: [String: SourceLocation] = [:]
    /// Position of each `environment` variable's name.
    var variableLocations: [String: SourceLocation] = [:]
}

extension ScheduleFileDecoder {
    static let settingKeys = [
        "cpu", "memory", "timeout", "concurrency", "parallelism", "retries", "stop_timeout", "environment",
        "grace", "failure_threshold",
    ]
    /// At most a day: a run that starts later than that is not late, it is missing.
    static let graceRange = 0...86_400
    static let failureThresholdRange = 1...100

    /// Largest run deadline accepted; a scheduled job that needs more than a week is a different tool's job.
    static let timeoutRange = 1...(7 * 86_400)
    /// Fargate caps the container stop timeout (SIGTERM → SIGKILL) at 120 seconds.
    static let stopTimeoutRange = 1...120
    /// ECS RunTask starts at most 10 tasks per call (EventBridge TaskCount).
    static let parallelismRange = 1...10
    /// EventBridge RetryPolicy.MaximumRetryAttempts.
    static let retriesRange = 0...185

    func decodeSettings(_ fields: Fields) -> DecodedSettings {
        var decoded = DecodedSettings()
        for entry in fields.entries where Self.settingKeys.contains(entry.key) {
            decoded.locations[entry.key] = entry.value.location
        }
        let path = fields.path
        var settings = JobSettings()
        if let node = fields["cpu"] { settings.cpu = cpu(node, at: path.appending("cpu")) }
        if let node = fields["memory"] { settings.memory = memory(node, at: path.appending("memory")) }
        if let node = fields["timeout"] {
            settings.timeoutSeconds = reader.duration(node, at: path.appending("timeout"), in: Self.timeoutRange)
        }
        if let node = fields["concurrency"] { settings.concurrency = concurrency(node, at: path.appending("concurrency")) }
        if let node = fields["parallelism"] {
            settings.parallelism = reader.integer(node, at: path.appending("parallelism"), in: Self.parallelismRange)
        }
        if let node = fields["retries"] {
            settings.retries = reader.integer(node, at: path.appending("retries"), in: Self.retriesRange)
        }
        if let node = fields["stop_timeout"] {
            settings.stopTimeoutSeconds = reader.duration(node, at: path.appending("stop_timeout"), in: Self.stopTimeoutRange)
        }
        if let node = fields["grace"] {
            settings.graceSeconds = reader.duration(node, at: path.appending("grace"), in: Self.graceRange)
        }
        if let node = fields["failure_threshold"] {
            settings.failureThreshold = reader.integer(node, at: path.appending("failure_threshold"), in: Self.failureThresholdRange)
        }
        if let node = fields["environment"] {
            let variables = variables(node, at: path.appending("environment"))
            settings.environment = variables.values
            decoded.variableLocations = variables.locations
        }
        decoded.settings = settings
        return decoded
    }

    func cpu(_ node: Node, at path: FieldPath) -> Int? {
        reader.integer(node, at: path, oneOf: FargateTaskSize.cpuValues) {
            "\($0) is not a Fargate CPU size; expected one of \($1) (1024 = 1 vCPU)"
        }
    }

    /// Memory in MiB (`2048`) or in GB as AWS writes it (`2GB`, `0.5 GB`).
    func memory(_ node: Node, at path: FieldPath) -> Int? {
        if let text = node.plainText, let value = Int(text) {
            guard value > 0 else {
                log.error("\(path): memory must be positive, found \(value)", at: node.location)
                return nil
            }
            return value
        }
        if case .scalar(let scalar) = node, let mebibytes = Self.mebibytes(fromGigabytes: scalar.string) {
            return mebibytes
        }
        log.error("\(path): expected memory in MiB (like 512) or GB (like 2GB), found \(node.kindDescription)", at: node.location)
        return nil
    }

    static func mebibytes(fromGigabytes text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.uppercased().hasSuffix("GB") else { return nil }
        let number = trimmed.dropLast(2).trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.count <= 8, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let gigabytes = Double(number), gigabytes > 0 else { return nil }
        let mebibytes = gigabytes * 1024
        guard mebibytes == mebibytes.rounded() else { return nil }
        return Int(mebibytes)
    }

    func concurrency(_ node: Node, at path: FieldPath) -> ConcurrencyPolicy? {
        let names = ConcurrencyPolicy.allCases.map(\.rawValue)
        if case .scalar(let scalar) = node, let policy = ConcurrencyPolicy(rawValue: scalar.string) { return policy }
        var message = "\(path): expected forbid or allow, found \(node.kindDescription)"
        if case .scalar(let scalar) = node { message += KeySuggestion.hint(for: scalar.string, among: names) }
        log.error(message, at: node.location)
        return nil
    }

    /// Non-secret variables: valid names, scalar values; each name's position kept for cross-checks.
    func variables(_ node: Node, at path: FieldPath) -> (values: [String: String], locations: [String: SourceLocation]) {
        var values: [String: String] = [:]
        var locations: [String: SourceLocation] = [:]
        for (entry, value) in reader.stringMap(node, at: path, noun: "variable") ?? [] {
            guard AWSIdentifierShapes.isEnvironmentVariableName(entry.key) else {
                log.error("\(path): '\(entry.key.replacingNewlines)' is not a valid environment variable name "
                          + "(letters, digits and _, not starting with a digit)", at: entry.keyLocation)
                continue
            }
            values[entry.key] = value
            locations[entry.key] = entry.keyLocation
        }
        return (values, locations)
    }
}
