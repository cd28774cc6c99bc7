import ArgumentParser
import Foundation
import Postgres
import Runner

/// Connects for the non-job commands (migrate, seed, history) from the same variables as `run`.
/// Errors become one line on stderr and the documented exit code.
enum DatabaseSession {
    static func connect(_ configuration: Configuration, retryBudget: Duration? = nil) throws -> PostgresConnection {
        do {
            try DatabaseVariables.requireOne(in: configuration)
            let settings = try configuration.duration("CRONJOB_CONNECT_TIMEOUT", default: .seconds(30))
            let database = try PostgresConfiguration.fromEnvironment(configuration.values)
            return try PostgresConnection.connect(database, retry: ConnectRetryPolicy(budget: retryBudget ?? settings))
        } catch {
            throw exit(for: error)
        }
    }

    /// Maps an error through the run's classification to an exit code, printing one safe line.
    static func exit(for error: any Error) -> CommandFailure {
        let failure = RunFailure.classify(error)
        return CommandFailure(failure.message, exitCode: failure.exitCode)
    }
}
