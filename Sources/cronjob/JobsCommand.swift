import Grammar
import ArgumentParser
import Jobs
import Runner

struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "List the jobs this binary can run.")

    func run() {
        let jobs = JobRegistry.all.jobs
        let width = jobs.map { $0.name.count }.max() ?? 0
        for job in jobs {
            let name = job.name.padding(toLength: width, withPad: " ", startingAt: 0)
            print("\(name)  \(job.summary) (default timeout \(DurationGrammar.format(job.defaultTimeout)))")
        }
    }
}
