import ArgumentParser

/// PLACEHOLDER until the schedules work lands.
struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "next", abstract: "Not yet implemented.")
    func run() throws { throw ExitCode(1) }
}
