import HTTP
import Postgres

/// An error classified for the exit-code table: the status to record, the code to exit with, a safe message.
public struct RunFailure: Error, Sendable, CustomStringConvertible {
    public var status: RunStatus
    public var exitCode: Int32
    public var message: String

    public init(status: RunStatus, exitCode: Int32, message: String) {
        self.status = status
        self.exitCode = exitCode
        self.message = message
    }

    public var description: String { message }

    /// The one place where errors become exit codes.
    public static func classify(_ error: any Error) -> RunFailure {
        switch error {
        case let failure as RunFailure:
            return failure
        case let interruption as JobInterruption:
            switch interruption {
            case .deadlineReached:
                return RunFailure(status: .deadlineReached, exitCode: RunExitCode.deadline, message: "deadline reached")
            case .stopped(let signal):
                return RunFailure(status: .stopped, exitCode: RunExitCode.stopped(by: signal), message: interruption.description)
            }
        case let configuration as ConfigurationError:
            return RunFailure(status: .failed, exitCode: RunExitCode.configuration, message: "configuration: \(configuration)")
        case let job as JobError:
            switch job.code {
            case .providerUnavailable:
                return RunFailure(status: .failed, exitCode: RunExitCode.unavailable, message: "provider unavailable: \(job.message)")
            case .providerUnauthorized:
                return RunFailure(status: .failed, exitCode: RunExitCode.configuration, message: "provider credentials refused: \(job.message)")
            case .temporaryFailure:
                return RunFailure(status: .failed, exitCode: RunExitCode.temporaryFailure, message: job.message)
            case .failed:
                return RunFailure(status: .failed, exitCode: RunExitCode.failure, message: job.message)
            }
        case let database as PostgresError:
            return classify(database)
        case let http as HTTPClientError where http.providerFault == .unauthorized:
            return RunFailure(status: .failed, exitCode: RunExitCode.configuration, message: "provider credentials refused: \(http)")
        case let http as HTTPClientError:
            return RunFailure(
                status: .failed, exitCode: http.isTransient ? RunExitCode.unavailable : RunExitCode.failure,
                message: "provider call failed: \(http)")
        default:
            return RunFailure(status: .failed, exitCode: RunExitCode.failure, message: "unexpected error: \(String(describing: error))")
        }
    }

    static func classify(_ error: PostgresError) -> RunFailure {
        if error.kind == .configuration {
            return RunFailure(status: .failed, exitCode: RunExitCode.configuration, message: "configuration: \(error)")
        }
        switch error.sqlState {
        case SQLState.invalidPassword?, SQLState.invalidAuthorizationSpecification?, SQLState.invalidCatalogName?:
            return RunFailure(status: .failed, exitCode: RunExitCode.configuration, message: "configuration: \(error)")
        default: break
        }
        if error.isTransient {
            return RunFailure(status: .failed, exitCode: RunExitCode.temporaryFailure, message: "temporary failure: \(error)")
        }
        return RunFailure(status: .failed, exitCode: RunExitCode.failure, message: "\(error)")
    }
}
