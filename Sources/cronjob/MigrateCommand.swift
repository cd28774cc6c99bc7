import ArgumentParser
import Jobs
import Runner

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or update the run-history table (and, with --example-schema, the jobs' tables). Idempotent."
    )

    @Flag(help: "Also apply the example marketplace schema the jobs expect (users, events, listings, orders, ...).")
    var exampleSchema = false

    func run() throws {
        let connection = try DatabaseSession.connect(Configuration.process)
        defer { connection.close() }
        do {
            var applied = try Migrator().apply(RunnerSchema.migrations, scope: RunnerSchema.scope, on: connection)
            if exampleSchema {
                applied += try Migrator().apply(ExampleSchema.migrations, scope: "example", on: connection)
            }
            for migration in applied {
                print("applied \(migration.scope) \(migration.version): \(migration.name)")
            }
            print(applied.isEmpty ? "schema is up to date" : "\(applied.count) migration(s) applied")
        } catch {
            throw DatabaseSession.exit(for: error)
        }
    }
}
