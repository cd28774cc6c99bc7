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
