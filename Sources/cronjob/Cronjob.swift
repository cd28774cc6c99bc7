import ArgumentParser


struct Cronjob: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cronjob",
        abstract: "Run scheduled jobs against PostgreSQL and compile their schedules into EventBridge and ECS.",
        discussion: ExitStatus.helpText,
        version: BuildVersion.current,
        subcommands: [
            RunCommand.self,
            JobsCommand.self,
            MigrateCommand.self,
            SeedCommand.self,
            HistoryCommand.self,
            NextCommand.self,
            SchedulesCommand.self,
            CompileCommand.self,
            StatusCommand.self,
            InvokeCommand.self,
            DiffCommand.self,
            DeployCommand.self,
        ]
    )
}
