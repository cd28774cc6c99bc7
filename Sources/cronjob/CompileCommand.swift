import ArgumentParser

/// PLACEHOLDER until the schedules work lands.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compile", abstract: "Not yet implemented.")
    func run() throws { throw ExitCode(1) }
}
