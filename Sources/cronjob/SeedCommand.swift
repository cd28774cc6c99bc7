import ArgumentParser
import Foundation
import Jobs
import Seed
import Runner

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill the example schema with a deterministic, realistic dataset (refused for production).",
        discussion: "The same --seed and options give the same rows. Volume options add due work on top of the --scale dataset."
    )

    @Option(help: "Dataset size; 1 is demo size (400 users, 60 events, orders in every state).")
    var scale = 1

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Queued notifications due now, for process-notifications (default 50 × scale).")
    var notifications: Int?

    @Option(help: "Pending payments due for a status check, for sync-payments (default 20 × scale).")
    var payments: Int?

    @Option(help: "Pending payouts that became available, for check-payout (default 10 × scale).")
    var payouts: Int?

    @Option(help: "Paid orders whose ticket is not uploaded and whose event is near, for notify-upload (default 10 × scale).")
    var pendingUploads: Int?

    @Flag(help: "Empty the example tables first (otherwise a database that has rows is refused).")
    var replace = false

    @Option(help: "The environment this database belongs to; production is refused.")
    var env: String?

    var options: SeedOptions {
        SeedOptions(
            scale: scale, seed: seed, notifications: notifications, payments: payments,
            payouts: payouts, pendingUploads: pendingUploads, replaceExisting: replace
        )
    }

    func validate() throws {
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let configuration = Configuration.process
        do {
            try SeedOptions.checkEnvironment(env ?? configuration.get("CRONJOB_ENV"))
        } catch {
            throw CommandFailure(error.description, exitCode: RunExitCode.usage)
        }
        let connection = try DatabaseSession.connect(configuration)
        defer { connection.close() }
        do {
            let summary = try Seeder(options: options).run(on: connection, now: Date())
            print(summary.description)
        } catch let error as SeedError {
            let code = switch error.code {
            case .schemaMissing: RunExitCode.configuration
            case .invalidOption, .productionRefused, .notEmpty: RunExitCode.usage
            }
            throw CommandFailure(error.description, exitCode: code)
        } catch {
            throw DatabaseSession.exit(for: error)
        }
    }
}
