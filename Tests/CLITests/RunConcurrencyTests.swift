import Foundation
import Runner
import Testing
import TestSupport

@Suite("cronjob run concurrency policy and occurrence dedupe")
struct RunConcurrencyTests {
    @Test func forbid_whileAnotherSessionHoldsTheLock_recordsSkippedAndExits0() throws {
        let fixture = try CLIFixture()
        let holder = try fixture.connect()
        defer { holder.close() }
        #expect(try holder.tryAdvisoryLock(AdvisoryLockKey.forJob("notify-upload")))
        let output = try Executable.cronjob(["run", "notify-upload"], environment: fixture.environment)
        #expect(output.status == 0)
        #expect(try fixture.history(job: "notify-upload").map(\.status) == ["skipped"])
        try holder.advisoryUnlock(AdvisoryLockKey.forJob("notify-upload"))
        let again = try Executable.cronjob(["run", "notify-upload"], environment: fixture.environment)
        #expect(again.status == 0)
        #expect(try fixture.history(job: "notify-upload").map(\.status) == ["succeeded", "skipped"])
    }

    @Test func allow_ignoresTheLock() throws {
        let fixture = try CLIFixture()
        let holder = try fixture.connect()
        defer { holder.close() }
        #expect(try holder.tryAdvisoryLock(AdvisoryLockKey.forJob("notify-upload")))
        let output = try Executable.cronjob(["run", "notify-upload", "--concurrency", "allow"], environment: fixture.environment)
        #expect(output.status == 0)
        #expect(try fixture.history(job: "notify-upload").map(\.status) == ["succeeded"])
    }

    @Test func sameScheduledAtTwice_secondIsDuplicate() throws {
        let fixture = try CLIFixture()
        let occurrence = ["run", "notify-upload", "--scheduled-at", "2026-11-22T10:00:00Z"]
        let first = try Executable.cronjob(occurrence, environment: fixture.environment)
        let second = try Executable.cronjob(occurrence, environment: fixture.environment)
        #expect(first.status == 0)
        #expect(second.status == 0)
        #expect(try fixture.history(job: "notify-upload").map(\.status).sorted() == ["duplicate", "succeeded"])
        let next = try Executable.cronjob(["run", "notify-upload", "--scheduled-at", "2026-11-22T11:00:00Z"], environment: fixture.environment)
        #expect(next.status == 0)
        #expect(try fixture.history(job: "notify-upload").filter { $0.status == "succeeded" }.count == 2)
    }
}
