import Foundation
import Postgres
import Testing
import TestSupport

/// Blocking libpq calls made through a `DatabaseThread` block that thread, never one of the cooperative pool's.
@Suite(.serialized) struct DatabaseThreadTests {
    @Test func statementsOnDatabaseThreads_leaveEveryCooperativeThreadFree() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let width = CooperativePool.width
        let threads = (0..<width).map { _ in DatabaseThread() }
        defer { threads.forEach { $0.shutdown() } }
        let connections = try threads.map { thread in try database.connect() }
        defer { connections.forEach { $0.close() } }
        let observer = try database.connect()
        defer { observer.close() }

        let started = ContinuousClock.now
        async let sleeps: Void = withTaskGroup(of: Void.self) { group in
            for (thread, connection) in zip(threads, connections) {
                group.addTask { _ = try? await thread.run { try connection.execute("SELECT pg_sleep(3)") } }
            }
        }
        try await DatabaseWait.until(observer, "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(3)'", equals: width)
        // Every cooperative thread is free while `width` statements block: blocking all of them takes one hold, not several.
        let hold = await CooperativePool.parallelHold(.milliseconds(300))
        let during = started.duration(to: .now)
        await sleeps
        #expect(hold < .milliseconds(550), "the cooperative pool was held: \(width) parallel 300 ms holds took \(hold)")
        #expect(during < .seconds(3), "the probe ran while the statements still blocked their threads")
        #expect(started.duration(to: .now) >= .seconds(3))
    }

    @Test func aShutDownThread_stillRunsWhatIsSentToItLater() async throws {
        let thread = DatabaseThread()
        let first = await thread.run { pthread_self() }
        #expect(await thread.run { pthread_self() } == first, "one thread runs everything sent to it")
        thread.shutdown()
        try await Task.sleep(for: .milliseconds(50))
        #expect(await thread.run { 42 } == 42)
        thread.shutdown()
    }
}
