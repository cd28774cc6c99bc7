import Foundation
import Postgres
import Testing
import TestSupport

/// Advisory locks, timeouts, cancellation, notices and session settings.
@Suite struct PostgresSessionTests {
    @Test func advisoryLock_excludesASecondSession_andIsReleasedOnClose() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let first = try database.connect()
        let second = try database.connect()
        defer { second.close() }
        let key: Int64 = 0x7F00_0000_0000_0001
        #expect(try first.tryAdvisoryLock(key))
        #expect(try !second.tryAdvisoryLock(key))
        #expect(try second.tryAdvisoryLock(key + 1))
        try first.advisoryUnlock(key)
        #expect(try second.tryAdvisoryLock(key))
        try second.advisoryUnlock(key)

        #expect(try first.tryAdvisoryLock(key))
        first.close()
        first.close()  // idempotent
        // The server ends the closed session asynchronously; the lock goes with it.
        var acquired = false
        for _ in 0..<100 where !acquired {
            acquired = try second.tryAdvisoryLock(key)
            if !acquired { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(acquired)
    }

    @Test func statementTimeout_cancelsWithQueryCanceled() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect(statementTimeout: .milliseconds(200))
        defer { connection.close() }
        let started = ContinuousClock.now
        #expect {
            try connection.execute("SELECT pg_sleep(10)")
        } throws: { error in
            (error as? PostgresError)?.sqlState == .queryCanceled && (error as? PostgresError)?.kind == .server
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(try connection.queryFirst("SHOW statement_timeout")?.decode(0, as: String.self) == "200ms")
        #expect(connection.isHealthy)
    }

    @Test func cancelCurrentQuery_fromAnotherThread_stopsTheStatement() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let canceller = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            connection.cancelCurrentQuery()
        }
        let started = ContinuousClock.now
        canceller.start()
        #expect {
            try connection.execute("SELECT pg_sleep(10)")
        } throws: { error in
            (error as? PostgresError)?.sqlState == .queryCanceled
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(try connection.queryFirst("SELECT 1 AS one")?.decode("one", as: Int.self) == 1)
    }

    @Test func session_isUTCWithISODatesAndTheApplicationName() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect(applicationName: "cronjob-session-test")
        defer { connection.close() }
        let row = try #require(try connection.queryFirst("""
            SELECT current_setting('TimeZone') AS tz, current_setting('DateStyle') AS style,
                   current_setting('application_name') AS app, current_setting('client_encoding') AS encoding,
                   current_setting('statement_timeout') AS timeout
            """))
        #expect(try row.decode("tz", as: String.self) == "UTC")
        #expect(try row.decode("style", as: String.self).hasPrefix("ISO"))
        #expect(try row.decode("app", as: String.self) == "cronjob-session-test")
        #expect(try row.decode("encoding", as: String.self) == "UTF8")
        #expect(try row.decode("timeout", as: String.self) == "0")
        #expect(connection.serverVersion >= 100_000)
        #expect(connection.isHealthy)
        connection.close()
        #expect(!connection.isHealthy)
        #expect(throws: PostgresError.self) { try connection.execute("SELECT 1") }
    }

    @Test func notices_reachTheHandler() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let notices = NoticeLog()
        connection.onNotice = { notices.append($0) }
        try connection.executeScript("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; END $$")
        try connection.advisoryUnlock(12_345)  // not held: the server warns
        let received = notices.all
        #expect(received.count == 3)
        #expect(received.first?.severity == "NOTICE")
        #expect(received.first?.message == "hello 42")
        #expect(received.first?.sqlState == "00000")
        #expect(received.dropFirst().allSatisfy { $0.severity == "WARNING" })
    }

    @Test func execute_reportsAffectedRows() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE t (id int, status text); INSERT INTO t SELECT g, 'pending' FROM generate_series(1, 10) g")
        let done = "done"
        #expect(try connection.execute("UPDATE t SET status = \(done) WHERE id <= \(4)").affectedRows == 4)
        #expect(try connection.execute("UPDATE t SET status = \(done) WHERE id > 100").affectedRows == 0)
        let deleted = try connection.execute("DELETE FROM t WHERE status = \(done) RETURNING id")
        #expect(deleted.affectedRows == 4)
        #expect(try deleted.rows.map { try $0.decode("id", as: Int.self) }.sorted() == [1, 2, 3, 4])
        #expect(try connection.query("SELECT * FROM t WHERE false").isEmpty)
        #expect(try connection.queryFirst("SELECT * FROM t WHERE false") == nil)
    }
}

extension PostgresSessionTests {
    @Test func sharedConnection_serialisesCallersFromManyThreads() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE hits (thread int, n int)")
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for n in 0..<25 {
                do {
                    try connection.transaction { connection in
                        try connection.execute("INSERT INTO hits VALUES (\(thread), \(n))")
                        let echoed = try connection.queryFirst("SELECT \(thread * 1000 + n) AS v")?.decode("v", as: Int.self)
                        if echoed != thread * 1000 + n { failures.increment() }
                    }
                } catch {
                    failures.increment()
                }
            }
        }
        #expect(failures.value == 0)
        #expect(try connection.queryFirst("SELECT count(*) AS n FROM hits")?.decode("n", as: Int.self) == 200)
    }

    @Test func executeScript_runsSeveralStatements_andAFailureUndoesTheImplicitTransaction() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE a (id int); CREATE TABLE b (id int); INSERT INTO a VALUES (1);")
        #expect(throws: PostgresError.self) {
            try connection.executeScript("INSERT INTO a VALUES (2); INSERT INTO no_such_table VALUES (3);")
        }
        #expect(try connection.queryFirst("SELECT count(*) AS n FROM a")?.decode("n", as: Int.self) == 1)
        try connection.executeScript("")  // empty query is fine
    }
}

final class NoticeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var notices: [PostgresNotice] = []
    func append(_ notice: PostgresNotice) { lock.withLock { notices.append(notice) } }
    var all: [PostgresNotice] { lock.withLock { notices } }
}
