import ArgumentParser
import Foundation
import Runner

/// Prints one line on stderr (`cronjob: ...`) and exits with the given code: the error path of every command.
struct CommandFailure: Error {
    let exitCode: Int32
    let message: String

    static func fail(_ message: String, exitCode: Int32) -> ExitCode {
        printError(message)
        return ExitCode(exitCode)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("cronjob: \(message)\n".utf8))
}
