import ArgumentParser

/// PLACEHOLDER until the schedules work lands.
struct SchedulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schedules", abstract: "Not yet implemented.")
    func run() throws { throw ExitCode(1) }
}
