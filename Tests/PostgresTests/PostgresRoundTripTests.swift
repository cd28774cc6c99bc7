import Foundation
import Postgres
import Testing
import TestSupport

/// Every supported type goes to the server as a typed bind and comes back equal.
@Suite struct PostgresRoundTripTests {
    /// Sends `value` as a bind, casts it to `sqlType` on the server, and decodes it back.
    private func roundTrip<T: PostgresEncodable & PostgresDecodable>(
        _ value: T, as sqlType: String, on connection: PostgresConnection
    ) throws -> T {
        let row = try #require(try connection.queryFirst("SELECT \(value)::\(unescaped: sqlType) AS value"))
        return try row.decode("value", as: T.self)
    }

    @Test func roundTrip_integers_keepExtremes() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        for value in [Int64.min, -1, 0, 1, Int64.max] {
            #expect(try roundTrip(value, as: "int8", on: connection) == value)
        }
        for value in [Int.min, 0, Int.max] { #expect(try roundTrip(value, as: "int8", on: connection) == value) }
        for value in [Int32.min, 0, Int32.max] { #expect(try roundTrip(value, as: "int4", on: connection) == value) }
        for value in [Int16.min, 0, Int16.max] { #expect(try roundTrip(value, as: "int2", on: connection) == value) }
    }

    @Test func roundTrip_text_keepsUnicodeAndAwkwardCharacters() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let values = ["", "plain", "héllo wörld ✓ 日本語 🎟️", "tab\there\nnewline\r\n", "back\\slash 'quote' \"dq\"",
                      "NULL", "{a,b}", String(repeating: "x", count: 100_000)]
        for value in values {
            #expect(try roundTrip(value, as: "text", on: connection) == value)
            #expect(try roundTrip(value, as: "varchar", on: connection) == value)
        }
    }

    @Test func roundTrip_boolFloatUUID() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        #expect(try roundTrip(true, as: "bool", on: connection) == true)
        #expect(try roundTrip(false, as: "bool", on: connection) == false)
        for value in [0.1, -1.5e-300, 1.7976931348623157e308, Double.pi, .infinity, -.infinity, 0.0] {
            #expect(try roundTrip(value, as: "float8", on: connection) == value)
        }
        #expect(try roundTrip(Double.nan, as: "float8", on: connection).isNaN)
        for value: Float in [0.1, 3.4028235e38, -1.1754944e-38, .infinity] {
            #expect(try roundTrip(value, as: "float4", on: connection) == value)
        }
        let uuid = UUID()
        #expect(try roundTrip(uuid, as: "uuid", on: connection) == uuid)
    }
}

extension PostgresRoundTripTests {
    /// A date exactly `micros` microseconds after 2001-01-01 UTC (the representation the decoder produces).
    private func date(micros: Int64) -> Date { Date(timeIntervalSinceReferenceDate: Double(micros) / 1_000_000) }

    @Test func roundTrip_dates_exactToTheMicrosecond() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let cases: [(Date, String)] = [
            (Date(timeIntervalSince1970: 0), "1970-01-01 00:00:00+00"),
            (date(micros: 721_692_800_123_456), "2023-11-14 22:13:20.123456+00"),
            (date(micros: -1), "2000-12-31 23:59:59.999999+00"),
            (date(micros: 1), "2001-01-01 00:00:00.000001+00"),
            (date(micros: 5_000_000_000_000_001), "2159-06-12 08:53:20.000001+00"),
            (date(micros: -3_000_000_000_000_007), "1905-12-08 18:39:59.999993+00"),
        ]
        for (value, text) in cases {
            let row = try #require(try connection.queryFirst("SELECT \(value) AS value, \(value)::text AS text"))
            #expect(try row.decode("text", as: String.self) == text)
            #expect(try row.decode("value", as: Date.self) == value)
        }
    }

    @Test func roundTrip_dates_farPastAndFuture() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        // Whole seconds: a Double keeps fewer fractional digits this far from 2001.
        for text in ["0044-03-15 12:00:00+00 BC", "4713-11-24 00:00:00+00 BC", "0001-01-01 00:00:00+00",
                     "1582-10-04 23:59:59+00", "9999-12-31 23:59:59+00", "200000-01-01 00:00:00+00"] {
            let row = try #require(try connection.queryFirst("SELECT \(text)::timestamptz AS value"))
            let value = try row.decode("value", as: Date.self)
            let back = try #require(try connection.queryFirst("SELECT \(value)::text AS text"))
            #expect(try back.decode("text", as: String.self) == text)
        }
    }

    @Test func decode_timestampAndDateColumns_areUTC() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let row = try #require(try connection.queryFirst("""
            SELECT '2024-02-29 23:59:59.5'::timestamp AS ts, '2024-02-29'::date AS d,
                   '2024-02-29 23:59:59.5-03:30'::timestamptz AS offset, 'infinity'::timestamptz AS inf
            """))
        let expected = try #require(ISO8601DateFormatter().date(from: "2024-02-29T23:59:59Z")).addingTimeInterval(0.5)
        #expect(try row.decode("ts", as: Date.self) == expected)
        #expect(try row.decode("d", as: Date.self) == expected.addingTimeInterval(-86_399.5))
        #expect(try row.decode("offset", as: Date.self) == expected.addingTimeInterval(3.5 * 3600))
        #expect(try row.decode("inf", as: Date.self) == .distantFuture)
    }

    @Test func roundTrip_arrays_quoteAndEscapeElements() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        #expect(try roundTrip([Int](), as: "int8[]", on: connection) == [])
        #expect(try roundTrip([String](), as: "text[]", on: connection) == [])
        #expect(try roundTrip([Int.min, 0, Int.max], as: "int8[]", on: connection) == [Int.min, 0, Int.max])
        #expect(try roundTrip([Int64.min, Int64.max], as: "int8[]", on: connection) == [Int64.min, Int64.max])
        let awkward = ["", "NULL", "null", "a\"b", "back\\slash", "comma,here", "{braces}", " padded ", "tab\tnl\n",
                       "ünïcødé ✓", "\\\"", "\"", "\\"]
        #expect(try roundTrip(awkward, as: "text[]", on: connection) == awkward)
        let withNulls: [String?] = ["a", nil, "NULL", "", nil]
        #expect(try roundTrip(withNulls, as: "text[]", on: connection) == withNulls)
        let uuids = [UUID(), UUID()]
        #expect(try roundTrip(uuids, as: "uuid[]", on: connection) == uuids)
        // Arrays the server builds, including NULL elements and non-default bounds.
        let row = try #require(try connection.queryFirst("""
            SELECT ARRAY['x', NULL, 'y"z', 'a\\b'] AS texts, '[0:2]={7,8,9}'::int4[] AS bounded, ARRAY[]::int8[] AS empty
            """))
        #expect(try row.decode("texts", as: [String?].self) == ["x", nil, "y\"z", "a\\b"])
        #expect(try row.decode("bounded", as: [Int].self) == [7, 8, 9])
        #expect(try row.decode("empty", as: [Int64].self) == [])
        #expect(throws: PostgresError.self) { try row.decode("texts", as: [String].self) }
    }

    struct Listing: Codable, Equatable {
        struct Seat: Codable, Equatable { var row: String; var number: Int }
        var id: Int
        var title: String
        var seats: [Seat]
        var tags: [String: [Int]]
        var note: String?
    }

    @Test func roundTrip_jsonb_nestedValue() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let listing = Listing(
            id: 7, title: "Ünïcode \"quoted\" \\ slash", seats: [.init(row: "A", number: 1), .init(row: "B", number: 22)],
            tags: ["x": [1, 2], "empty": []], note: nil)
        let json = try PostgresJSON(encoding: listing)
        let row = try #require(try connection.queryFirst("SELECT \(json) AS value, (\(json))->'seats'->1->>'row' AS seat"))
        #expect(try row.decode("value", as: PostgresJSON.self).decode(Listing.self) == listing)
        #expect(try row.decode("seat", as: String.self) == "B")
        #expect(throws: PostgresError.self) { try row.decode("value", as: PostgresJSON.self).decode([Int].self) }
    }

    @Test func decode_null_isNilForOptionalsAndAnErrorNamingTheColumnOtherwise() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let missing: Int? = nil
        let row = try #require(try connection.queryFirst(
            "SELECT NULL::int8 AS amount, \(missing) IS NULL AS was_null, \(Optional(5)) AS five"))
        #expect(row.isNull("amount"))
        #expect(try row.decode("amount", as: Int?.self) == nil)
        #expect(try row.decode("was_null", as: Bool.self))
        #expect(try row.decode("five", as: Int?.self) == 5)
        #expect(try row.decode(2, as: Int.self) == 5)
        #expect(row.columnNames == ["amount", "was_null", "five"])
        do {
            _ = try row.decode("amount", as: Int.self)
            Issue.record("decoding NULL as Int should throw")
        } catch let error as PostgresError {
            #expect(error.kind == .decoding)
            #expect(error.column == "amount")
            #expect(error.description.contains("\"amount\""))
        }
        #expect(throws: PostgresError.self) { try row.decode("no_such_column", as: Int.self) }
        #expect(throws: PostgresError.self) { try row.decode(9, as: Int.self) }
    }
}
