import Postgres
import Testing
import TestSupport

/// Transactions at depth 0, savepoints below, rollback on throw.
@Suite struct PostgresTransactionTests {
    struct Boom: Error {}

    private func ids(_ connection: PostgresConnection) throws -> [Int] {
        try connection.query("SELECT id FROM t ORDER BY id").map { try $0.decode("id", as: Int.self) }
    }

    private func setUp() throws -> (TestDatabase, PostgresConnection) {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.executeScript("CREATE TABLE t (id int PRIMARY KEY)")
        return (database, connection)
    }

    @Test func savepoint_rollsBackInsideATransactionThatCommits() throws {
        let (database, connection) = try setUp()
        defer { connection.close(); database.drop() }
        try connection.transaction { connection in
            #expect(connection.transactionDepth == 1)
            try connection.execute("INSERT INTO t VALUES (1)")
            #expect(throws: Boom.self) {
                try connection.transaction { connection in
                    #expect(connection.transactionDepth == 2)
                    try connection.execute("INSERT INTO t VALUES (2)")
                    throw Boom()
                }
            }
            #expect(connection.transactionDepth == 1)
            try connection.execute("INSERT INTO t VALUES (3)")
        }
        #expect(connection.transactionDepth == 0)
        #expect(try ids(connection) == [1, 3])
    }

    @Test func savepoint_recoversFromAServerErrorInside() throws {
        let (database, connection) = try setUp()
        defer { connection.close(); database.drop() }
        try connection.transaction { connection in
            try connection.execute("INSERT INTO t VALUES (1)")
            #expect(throws: PostgresError.self) {
                try connection.transaction { try $0.execute("INSERT INTO t VALUES (1)") }  // duplicate key
            }
            try connection.execute("INSERT INTO t VALUES (2)")  // the outer transaction is still usable
        }
        #expect(try ids(connection) == [1, 2])
    }

    @Test func nestedDepthThree_commitsEverythingAndReportsDepth() throws {
        let (database, connection) = try setUp()
        defer { connection.close(); database.drop() }
        var depths: [Int] = []
        let result = try connection.transaction { connection in
            depths.append(connection.transactionDepth)
            try connection.execute("INSERT INTO t VALUES (1)")
            return try connection.transaction { connection in
                depths.append(connection.transactionDepth)
                try connection.execute("INSERT INTO t VALUES (2)")
                _ = try? connection.transaction { connection in
                    depths.append(connection.transactionDepth)
                    try connection.execute("INSERT INTO t VALUES (30)")
                    throw Boom()
                }
                return try connection.transaction { connection in
                    depths.append(connection.transactionDepth)
                    try connection.execute("INSERT INTO t VALUES (3)")
                    return "done"
                }
            }
        }
        #expect(result == "done")
        #expect(depths == [1, 2, 3, 3])
        #expect(try ids(connection) == [1, 2, 3])
    }

    @Test func errorInOuterTransaction_rollsBackEverything() throws {
        let (database, connection) = try setUp()
        defer { connection.close(); database.drop() }
        #expect(throws: Boom.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO t VALUES (1)")
                try connection.transaction { try $0.execute("INSERT INTO t VALUES (2)") }
                throw Boom()
            }
        }
        #expect(connection.transactionDepth == 0)
        #expect(try ids(connection) == [])
        // Not visible to another session either.
        let other = try database.connect()
        defer { other.close() }
        #expect(try ids(other) == [])
    }

    @Test func callerOpenedTransaction_turnsOuterCallIntoASavepoint() throws {
        let (database, connection) = try setUp()
        defer { connection.close(); database.drop() }
        try connection.executeScript("BEGIN")
        _ = try? connection.transaction { connection in
            try connection.execute("INSERT INTO t VALUES (1)")
            throw Boom()
        }
        try connection.execute("INSERT INTO t VALUES (2)")
        try connection.executeScript("ROLLBACK")
        #expect(try ids(connection) == [])
    }

    @Test func commit_isVisibleToOtherSessions() throws {
        let (database, connection) = try setUp()
        defer { connection.close(); database.drop() }
        let other = try database.connect()
        defer { other.close() }
        try connection.transaction { connection in
            try connection.execute("INSERT INTO t VALUES (1)")
            #expect(try ids(other) == [])
        }
        #expect(try ids(other) == [1])
    }
}
