import Foundation
import Postgres
import Testing
import TestSupport

/// `invoke --dry-run`: the dry run happens in the task; the plan printed here is what a local `run --dry-run` prints.
@Suite("cronjob invoke --dry-run", .serialized)
struct InvokeDryRunTests {
    static let tables = ["users", "events", "listings", "orders", "tickets", "payments", "payouts", "notifications", "cronjob_runs"]

    func checksums(_ fixture: InvokeFixture) throws -> [String: String] {
        let db = try fixture.connect()
        defer { db.close() }
        var sums: [String: String] = [:]
        for table in Self.tables {
            sums[table] = try db.queryFirst(PostgresQuery(
                unsafeSQL: "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \(table) t"))?.decode(0, as: String.self)
        }
        return sums
    }

    @Test func invoke_dryRun_printsThePlanAsRunDoes_andChangesNoTable() async throws {
        let fixture = try await InvokeFixture(seed: [])
        let before = try checksums(fixture)
        let output = try fixture.invoke(["notify-upload", "--env", "emu", "--dry-run"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try checksums(fixture) == before, "every table byte-identical")
        let local = try Executable.cronjob(["run", "notify-upload", "--dry-run"], environment: [
            "DATABASE_URL": fixture.database.url, "CRONJOB_ENV": "emu",
        ])
        #expect(local.status == 0)
        #expect(output.stdout.hasPrefix("DRY RUN of notify-upload against emu"))
        #expect(output.stdout == local.stdout, "the same plan as a local dry run")
        #expect(output.stdout.contains("Rows it would change:"))
        #expect(output.stderr.contains("INFO"), "the task's log lines go to stderr")

        let json = try fixture.invoke(["notify-upload", "--env", "emu", "--dry-run", "--json"])
        #expect(json.status == 0)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        #expect(plan["job"] as? String == "notify-upload")
        #expect(plan["exit_code"] as? Int == 0)
        #expect(try checksums(fixture) == before)
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
        InvokeOutputChecks.expectNoSecrets(json, fixture: fixture)
    }
}
