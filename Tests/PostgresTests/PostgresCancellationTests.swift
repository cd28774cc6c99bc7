import Foundation
import Postgres
import Testing
import TestSupport

/// A running statement ends at once on a stop or its task's cancellation (the server cancels it and its transaction
/// rolls back), except that a statement outside `cancellableOnStop` finishes after a first stop request.
@Suite(.serialized) struct PostgresCancellationTests {
    /// One connection to a fresh database, wired to a stop the test raises, on a thread of its own.
    struct Session {
        let database: TestDatabase
        let connection: PostgresConnection
        let observer: PostgresConnection
        let stop = TestStop()
        let thread = DatabaseThread()

        init() throws {
            database = try TestDatabase.create()
            connection = try PostgresConnection.connect(database.configuration, stop: stop.database)
            observer = try database.connect()
            try observer.executeScript("CREATE TABLE claims (id int PRIMARY KEY, claimed boolean NOT NULL DEFAULT false); INSERT INTO claims VALUES (1)")
        }

        func close() {
            thread.shutdown()
            connection.close()
            observer.close()
            database.drop()
        }

        /// Runs `sql` on the session's thread; returns how it ended and after how long.
        func timed(_ body: @escaping @Sendable (PostgresConnection) throws -> Void) -> Task<(Result<Void, PostgresError>, Duration), Never> {
            Task(executorPreference: thread) { [connection] in
                let started = ContinuousClock.now
                do {
                    try body(connection)
                    return (.success(()), started.duration(to: .now))
                } catch {
                    return (.failure((error as? PostgresError) ?? PostgresError(kind: .client, message: "\(error)")), started.duration(to: .now))
                }
            }
        }

        func waitForSleep() async throws {
            try await DatabaseWait.until(observer, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()", equals: 1)
        }

        var sessionIsIdle: Bool {
            get throws { try connection.queryFirst("SELECT 1 AS one")?.decode("one", as: Int.self) == 1 && connection.transactionDepth == 0 }
        }
    }

    static func isCancelled(_ result: Result<Void, PostgresError>) -> Bool {
        guard case .failure(let error) = result else { return false }
        return error.kind == .cancelled && error.sqlState == .queryCanceled
    }

    @Test func cancellableOnStop_statementEndsAtTheFirstStop_andItsTransactionRollsBack() async throws {
        let session = try Session()
        defer { session.close() }
        let run = session.timed { connection in
            try connection.cancellableOnStop { connection in
                try connection.transaction { connection in
                    try connection.execute("UPDATE claims SET claimed = true WHERE id = 1")
                    try connection.execute("SELECT pg_sleep(30)")
                }
            }
        }
        try await session.waitForSleep()
        let stopped = ContinuousClock.now
        session.stop.request()
        let (result, _) = await run.value
        #expect(Self.isCancelled(result), "\(result)")
        #expect(stopped.duration(to: .now) < .seconds(2))
        if case .failure(let error) = result { #expect(error.description.contains("asked to stop")) }
        #expect(try session.observer.queryFirst("SELECT claimed FROM claims WHERE id = 1")?.decode(0, as: Bool.self) == false)
        #expect(try session.sessionIsIdle)
    }

    @Test func cancellableOnStop_lockWaitEndsAtTheFirstStop() async throws {
        let session = try Session()
        defer { session.close() }
        let holder = try session.database.connect()
        defer { holder.close() }
        try holder.executeScript("BEGIN; SELECT * FROM claims WHERE id = 1 FOR UPDATE")
        let run = session.timed { connection in
            _ = try connection.cancellableOnStop { try $0.execute("UPDATE claims SET claimed = true WHERE id = 1") }
        }
        try await DatabaseWait.until(
            session.observer, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE claims%'", equals: 1)
        let stopped = ContinuousClock.now
        session.stop.request()
        let (result, _) = await run.value
        #expect(Self.isCancelled(result), "\(result)")
        #expect(stopped.duration(to: .now) < .seconds(2))
        try holder.executeScript("COMMIT")
        #expect(try session.observer.queryFirst("SELECT claimed FROM claims WHERE id = 1")?.decode(0, as: Bool.self) == false)
        #expect(try session.sessionIsIdle)
    }

    @Test func completionStatement_finishesDespiteAFirstStop() async throws {
        let session = try Session()
        defer { session.close() }
        let run = session.timed { connection in
            try connection.transaction { connection in
                try connection.execute("SELECT pg_sleep(1.5)")
                try connection.execute("UPDATE claims SET claimed = true WHERE id = 1")
            }
        }
        try await DatabaseWait.until(
            session.observer, "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(1.5)'", equals: 1)
        session.stop.request()
        let (result, took) = await run.value
        #expect(throws: Never.self) { try result.get() }
        #expect(took >= .milliseconds(1500))
        #expect(try session.observer.queryFirst("SELECT claimed FROM claims WHERE id = 1")?.decode(0, as: Bool.self) == true)
    }

    @Test func forcedStop_endsAnyStatement() async throws {
        let session = try Session()
        defer { session.close() }
        let run = session.timed { try $0.execute("SELECT pg_sleep(30)") }
        try await session.waitForSleep()
        session.stop.request()
        try await Task.sleep(for: .milliseconds(300))
        let forced = ContinuousClock.now
        session.stop.force()
        let (result, _) = await run.value
        #expect(Self.isCancelled(result), "\(result)")
        #expect(forced.duration(to: .now) < .seconds(2))
        #expect(try session.observer.queryFirst("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()")?.decode(0, as: Int.self) == 0)
    }

    @Test func taskCancellation_endsAnyStatement() async throws {
        let session = try Session()
        defer { session.close() }
        let run = session.timed { try $0.execute("SELECT pg_sleep(30)") }
        try await session.waitForSleep()
        let cancelled = ContinuousClock.now
        run.cancel()
        let (result, _) = await run.value
        #expect(Self.isCancelled(result), "\(result)")
        #expect(cancelled.duration(to: .now) < .seconds(2))
        if case .failure(let error) = result { #expect(error.description.contains("task was cancelled")) }
        #expect(try session.sessionIsIdle)
    }

    @Test func cancellableStatement_isNotSentOnceStopped_butTheRollbackIs() async throws {
        let session = try Session()
        defer { session.close() }
        session.stop.request()
        let run = session.timed { connection in
            try connection.transaction { connection in
                try connection.execute("UPDATE claims SET claimed = true WHERE id = 1")
                try connection.cancellableOnStop { try $0.execute("SELECT 1") }
            }
        }
        let (result, _) = await run.value
        #expect(Self.isCancelled(result), "\(result)")
        #expect(try session.observer.queryFirst("SELECT claimed FROM claims WHERE id = 1")?.decode(0, as: Bool.self) == false)
        #expect(try session.sessionIsIdle)
    }
}
