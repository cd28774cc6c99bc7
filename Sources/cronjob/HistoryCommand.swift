import ArgumentParser
import Foundation
import Postgres
import Runner

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Show recent runs from cronjob_runs.")

    @Argument(help: "Only this job.")
    var job: String?

    @Option(help: "Only this environment.")
    var env: String?

    @Option(help: "How many runs (1-10000).")
    var limit = 20

    @Flag(help: "Print a JSON array.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be in 1...10000") }
    }

    func run() throws {
        let connection = try DatabaseSession.connect(Configuration.process)
        defer { connection.close() }
        let runs: [RunRecord]
        do {
            runs = try RunHistory(connection: connection).recent(job: job, environment: env, limit: limit)
        } catch let error as PostgresError where error.sqlState == .undefinedTable {
            throw CommandFailure(
                "cronjob_runs does not exist in this database; run `cronjob migrate` first", exitCode: RunExitCode.configuration)
        } catch {
            throw DatabaseSession.exit(for: error)
        }
        print(json ? try HistoryFormatter.json(runs) : HistoryFormatter.table(runs))
    }
}
