import ArgumentParser
import Foundation
import Runner

/// An error of a command: the lines to print on stderr (each `cronjob: ...` unless already located, like
/// schedules.yaml diagnostics) and the exit code. `Main` is the one place that prints it and exits.
struct CommandFailure: Error, CustomStringConvertible {
    let exitCode: Int32
    let lines: [String]

    init(_ message: String, exitCode: Int32) {
        self.exitCode = exitCode
        self.lines = ["cronjob: " + message]
    }

    /// Lines printed as they are (schedules.yaml diagnostics carry their own `file:line:column:` prefix).
    init(lines: [String], exitCode: Int32) {
        self.exitCode = exitCode
        self.lines = lines
    }

    var description: String { lines.joined(separator: "\n") }
}

/// One line on stderr, control characters escaped.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(message) + "\n").utf8))
}
