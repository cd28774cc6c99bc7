import Foundation
import Postgres
import Testing
import TestSupport

/// COPY FROM STDIN streams rows in text format with escaping; failures leave the connection usable.
@Suite struct PostgresCopyTests {
    private static func body(_ index: Int) -> String {
        switch index % 6 {
        case 0: return "tab\there\tand\\backslash"
        case 1: return "line\nbreak\r\nwindows"
        case 2: return "\\N"  // the text backslash-N, not NULL
        case 3: return "ünïcødé ✓ 🎟️ \"quoted\""
        case 4: return ""
        default: return "row \(index)"
        }
    }

    @Test func copyIn_tenThousandAwkwardRows_roundTrip() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE items (id bigint PRIMARY KEY, body text NOT NULL, note text, tags text[], at timestamptz)")
        let at = Date(timeIntervalSinceReferenceDate: 754_000_000.123456)
        let rows: [[any PostgresEncodable]] = (0..<10_000).map { index in
            let note: String? = index % 3 == 0 ? nil : "note\t\(index)"
            return [index, Self.body(index), note, ["a\tb", "c\\d", "NULL"], at]
        }
        let copied = try connection.copyIn("COPY items (id, body, note, tags, at) FROM STDIN", rows: rows)
        #expect(copied == 10_000)
        let back = try connection.query("SELECT id, body, note, tags, at FROM items ORDER BY id")
        #expect(back.count == 10_000)
        var mismatches = 0
        for (index, row) in back.enumerated() {
            let note: String? = index % 3 == 0 ? nil : "note\t\(index)"
            if try row.decode("id", as: Int.self) != index || row.decode("body", as: String.self) != Self.body(index)
                || row.decode("note", as: String?.self) != note || row.decode("tags", as: [String].self) != ["a\tb", "c\\d", "NULL"]
                || row.decode("at", as: Date.self) != at {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test func copyIn_serverError_leavesTheConnectionUsable() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE items (id bigint PRIMARY KEY, body text NOT NULL)")
        let duplicate: [[any PostgresEncodable]] = [[1, "secret-body-value"], [1, "secret-body-value"]]
        do {
            try connection.copyIn("COPY items FROM STDIN", rows: duplicate)
            Issue.record("a duplicate key should fail the COPY")
        } catch let error as PostgresError {
            #expect(error.sqlState == .uniqueViolation)
            #expect(!error.description.contains("secret-body-value"))
        }
        #expect(try connection.queryFirst("SELECT count(*) AS n FROM items")?.decode("n", as: Int.self) == 0)

        #expect(throws: PostgresError.self) {
            try connection.copyIn("COPY items FROM STDIN", rows: [[2, "nul\u{0}byte"]] as [[any PostgresEncodable]])
        }
        #expect(throws: PostgresError.self) { try connection.copyIn("SELECT 1", rows: [[any PostgresEncodable]]()) }
        #expect(throws: PostgresError.self) { try connection.execute("COPY items FROM STDIN") }
        #expect(try connection.copyIn("COPY items FROM STDIN", rows: [[3, "ok"]] as [[any PostgresEncodable]]) == 1)
        #expect(try connection.queryFirst("SELECT count(*) AS n FROM items")?.decode("n", as: Int.self) == 1)
    }

    @Test func copyIn_insideATransaction_rollsBackWithIt() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE items (id bigint PRIMARY KEY)")
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try connection.transaction { connection in
                try connection.copyIn("COPY items FROM STDIN", rows: (0..<100).lazy.map { [$0] as [any PostgresEncodable] })
                throw Abort()
            }
        }
        #expect(try connection.queryFirst("SELECT count(*) AS n FROM items")?.decode("n", as: Int.self) == 0)
    }
}
