import Logging

/// The runner's own settings, from the environment.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | CRONJOB_CONNECT_TIMEOUT | 30s | how long to keep retrying the first connection (Aurora resuming) |
/// | CRONJOB_STATEMENT_TIMEOUT | 60s | per-statement limit for the session |
/// | CRONJOB_DRAIN_GRACE | 30s | after the deadline, how long a job may take to wind down before it is cut off |
/// | CRONJOB_LOG_LEVEL | info | trace, debug, info, notice, warning, error, critical |
/// | CRONJOB_LOG_FORMAT | json off a terminal, else text | json or text |
struct RunnerSettings: Sendable {
    var connectBudget: Duration
    var statementTimeout: Duration
    var drainGrace: Duration
    var logLevel: Logger.Level

    init(_ configuration: Configuration) throws(ConfigurationError) {
        connectBudget = try configuration.duration("CRONJOB_CONNECT_TIMEOUT", default: .seconds(30))
        // PostgreSQL's statement_timeout is an int of milliseconds: at most about 24.8 days.
        statementTimeout = try configuration.duration("CRONJOB_STATEMENT_TIMEOUT", default: .seconds(60), maximum: .seconds(24 * 86_400))
        drainGrace = try configuration.duration("CRONJOB_DRAIN_GRACE", default: .seconds(30))
        let levelText = configuration.get("CRONJOB_LOG_LEVEL")?.lowercased() ?? "info"
        guard let level = Logger.Level(rawValue: levelText) else {
            throw ConfigurationError(variable: "CRONJOB_LOG_LEVEL", problem: "must be one of trace, debug, info, notice, warning, error, critical")
        }
        logLevel = level
        if let format = configuration.get("CRONJOB_LOG_FORMAT"), !["json", "text"].contains(format.lowercased()) {
            throw ConfigurationError(variable: "CRONJOB_LOG_FORMAT", problem: "must be json or text")
        }
    }
}
