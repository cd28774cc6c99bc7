import ArgumentParser
import Foundation
import Runner

/// The one exit path of every command: parse, run, and turn any error into its lines on stderr and its exit code.
/// Usage errors are one line (`cronjob: ...`, exit 64), not ArgumentParser's usage block.
@main
enum Main {
    /// On the main thread throughout: the synchronous database commands (migrate, seed, history, status) block it, never
    /// a thread of the cooperative pool; `run` hops off to its own database thread.
    @MainActor
    static func main() async {
        let code: Int32
        do {
            var command = try Cronjob.parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            code = 0
        } catch {
            code = exitCode(reporting: error)
        }
        // Log lines still buffered are written first; a reader that never reads again cannot hold the exit for long.
        LogOutput.flushAll(timeout: .seconds(5))
        exit(code)
    }

    /// Prints what `error` says (at most its lines, secrets never) and returns its exit code.
    static func exitCode(reporting error: any Error) -> Int32 {
        switch error {
        case let failure as CommandFailure:
            failure.lines.forEach(printError)
            return failure.exitCode
        case let exit as ExitCode:
            return exit.rawValue
        case let configuration as ConfigurationError:
            printError("cronjob: \(configuration)")
            return RunExitCode.configuration
        default:
            let code = Cronjob.exitCode(for: error)
            if code == .success {
                // --help and --version: ArgumentParser prints them.
                Cronjob.exit(withError: error)
            }
            if code == .validationFailure {
                printError("cronjob: \(Cronjob.message(for: error)) (see --help)")
                return RunExitCode.usage
            }
            printError("cronjob: \(Cronjob.message(for: error))")
            return code.rawValue
        }
    }
}
