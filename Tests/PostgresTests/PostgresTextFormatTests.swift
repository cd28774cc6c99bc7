import Foundation
import Testing

@testable import Postgres

/// Pure text-format logic: arrays, dates, COPY escaping, queries, redaction.
@Suite struct PostgresTextFormatTests {
    @Test(arguments: [
        ("{}", [String?]()),
        ("{1,2,3}", ["1", "2", "3"]),
        ("{NULL,null,\"NULL\"}", [nil, nil, "NULL"]),
        (#"{"a \"b\"","c\\d","e,f","{g}"}"#, ["a \"b\"", "c\\d", "e,f", "{g}"]),
        ("{ spaced , out }", ["spaced", "out"]),
        ("[0:1]={x,y}", ["x", "y"]),
        (#"{"",""}"#, ["", ""]),
    ])
    func arrayText_parse(text: String, expected: [String?]) throws {
        #expect(try PostgresArrayText.parse(text) == expected)
    }

    @Test(arguments: ["", "1,2", "{1,2", "{\"unterminated}", "{{1,2},{3,4}}", "{1,,2}", "{a\"b\"c}x"])
    func arrayText_parse_rejectsMalformed(text: String) {
        #expect(throws: PostgresError.self) { try PostgresArrayText.parse(text) }
    }

    @Test func arrayText_format_quotesEverythingButNull() throws {
        let elements: [String?] = ["a", nil, "NULL", "q\"b\\", "", "é\"€\\ü"]
        let text = PostgresArrayText.format(elements)
        #expect(text == #"{"a",NULL,"NULL","q\"b\\","","é\"€\\ü"}"#)
        #expect(try PostgresArrayText.parse(text) == elements)
        #expect(PostgresArrayText.format([]) == "{}")
    }

    @Test(arguments: [
        ("2024-02-29 23:59:59.123456+00", Int64(730_943_999_123_456)),
        ("2001-01-01 00:00:00+00", 0),
        ("2001-01-01 00:00:00", 0),
        ("2001-01-01", 0),
        ("2001-01-01T01:00:00Z", 3_600_000_000),
        ("2001-01-01 05:30:00+05:30", 0),
        ("2000-12-31 19:00:00-05", 0),
        ("2001-01-01 00:00:00.5+00", 500_000),
        ("2001-01-01 00:00:00.1234567+00", 123_456),
        ("0001-01-01 00:00:00+00 BC", -63_145_526_400_000_000),
    ])
    func dateText_parse(text: String, micros: Int64) {
        #expect(PostgresDateText.parse(text) == .micros(micros))
    }

    @Test(arguments: ["", "2024-13-01", "2023-02-29", "2024-01-01 25:00:00", "2024-01-01 10:00", "yesterday",
                      "2024-01-01 10:00:00+", "2024-01-01 10:00:00 AD", "24-01-01"])
    func dateText_parse_rejectsMalformed(text: String) {
        #expect(PostgresDateText.parse(text) == nil)
        #expect(throws: PostgresError.self) { try Date(postgresText: text, type: .timestamptz) }
    }

    @Test func dateText_formatThenParse_isIdentityAcrossTheRange() {
        var micros: Int64 = -211_000_000_000_000_000  // about 4700 BC
        while micros < 9_000_000_000_000_000_000 {
            let text = PostgresDateText.format(microsSinceReference: micros)
            #expect(PostgresDateText.parse(text) == .micros(micros), "\(text)")
            micros += 7_777_777_777_777_777
        }
        #expect(PostgresDateText.format(microsSinceReference: -1) == "2000-12-31 23:59:59.999999+00")
        #expect(PostgresDateText.format(microsSinceReference: -63_145_526_400_000_000) == "0001-01-01 00:00:00+00 BC")
    }

    @Test func date_specialValues() throws {
        #expect(try Date(postgresText: "infinity", type: .timestamptz) == .distantFuture)
        #expect(try Date(postgresText: "-infinity", type: .timestamptz) == .distantPast)
        #expect(Date(timeIntervalSinceReferenceDate: .nan).postgresText == "NaN")
        #expect(Date(timeIntervalSinceReferenceDate: 1e300).postgresText == "infinity")
    }

    @Test func copyText_escapesSeparatorsAndNulls() throws {
        var buffer: [UInt8] = []
        let values: [any PostgresEncodable] = ["a\tb\nc\rd\\e", Optional<String>.none, 5, "\\N"]
        try CopyText.appendRow(values, to: &buffer, rowNumber: 1)
        #expect(String(decoding: buffer, as: UTF8.self) == "a\\tb\\nc\\rd\\\\e\t\\N\t5\t\\\\N\n")
        #expect(throws: PostgresError.self) { try CopyText.appendRow(["nul\u{0}"], to: &buffer, rowNumber: 2) }
    }

    @Test func query_interpolationsBecomeBinds() {
        let email = "a@b.c"
        let missing: Int? = nil
        let query: PostgresQuery = """
            SELECT \(identifier: "weird \"name\"") FROM \(unescaped: "users") WHERE email = \(email) \
            AND id = \(Optional(3)) AND parent IS NOT DISTINCT FROM \(missing) AND tags && \(["x"])
            """
        #expect(query.sql == #"SELECT "weird ""name""" FROM users WHERE email = $1 AND id = $2 AND parent IS NOT DISTINCT FROM $3 AND tags && $4"#)
        #expect(query.bindCount == 4)
        #expect(query.binds[2]?.postgresTextOrNull == nil)
        #expect(query.binds[2].map { type(of: $0).postgresType } == .int8)
        #expect(query.binds[3].map { type(of: $0).postgresType } == .textArray)
        #expect(!query.description.contains(email))
        let literal: PostgresQuery = "SELECT 1"
        #expect(literal.bindCount == 0 && literal.sql == "SELECT 1")
    }

    @Test func redaction_hidesClass22ValuesAndSecrets() {
        #expect(Redaction.safeServerMessage(#"invalid input syntax for type integer: "ab"c""#, sqlState: .invalidTextRepresentation)
            == #"invalid input syntax for type integer: "…""#)
        #expect(Redaction.safeServerMessage(#"value "99999999999" is out of range for type integer"#, sqlState: .numericValueOutOfRange)
            == #"value "…" is out of range for type integer"#)
        #expect(Redaction.safeServerMessage(#"duplicate key value violates unique constraint "k""#, sqlState: .uniqueViolation)
            == #"duplicate key value violates unique constraint "k""#)
        #expect(Redaction.redact("url postgresql://u:pw@h/db and pw", secrets: ["pw", "postgresql://u:pw@h/db"])
            == "url [REDACTED] and [REDACTED]")
        #expect(Redaction.singleLine("connection to server failed: FATAL:  password authentication failed\n")
            == "connection to server failed: FATAL: password authentication failed")
    }

    @Test(arguments: [
        ("connection to server at \"h\" (1.2.3.4), port 5432 failed: FATAL:  password authentication failed for user \"u\"", SQLState?.some(.invalidPassword), false),
        ("connection to server at \"h\", port 5432 failed: FATAL:  database \"x\" does not exist", .invalidCatalogName, false),
        ("connection to server at \"h\", port 5432 failed: FATAL:  role \"x\" does not exist", .invalidAuthorizationSpecification, false),
        ("connection to server at \"h\", port 5432 failed: FATAL:  no pg_hba.conf entry for host", .invalidAuthorizationSpecification, false),
        ("connection to server at \"h\", port 5432 failed: FATAL:  the database system is starting up", .cannotConnectNow, true),
        ("connection to server at \"h\", port 5432 failed: FATAL:  sorry, too many clients already", .tooManyConnections, true),
        ("connection to server at \"h\", port 5432 failed: Connection refused Is the server running on that host?", .sqlclientUnableToEstablishSqlconnection, true),
        ("could not translate host name \"nope\" to address: Name or service not known", .sqlclientUnableToEstablishSqlconnection, true),
        ("connection to server at \"h\", port 5432 failed: timeout expired", .sqlclientUnableToEstablishSqlconnection, true),
        ("invalid sslmode value: \"sometimes\"", nil, false),
        ("connection to server at \"h\", port 5432 failed: FATAL:  unsupported frontend protocol", nil, false),
    ])
    func connectFailure_classifiesLibpqMessages(message: String, state: SQLState?, transient: Bool) {
        let error = ConnectFailure.classify(message)
        #expect(error.sqlState == state)
        #expect(error.isTransient == transient)
    }

    @Test func retryPolicy_delaysGrowExponentiallyWithinTheCap() {
        let policy = ConnectRetryPolicy(budget: .seconds(30), initialDelay: .milliseconds(250), maxDelay: .seconds(4))
        let ceilings = (1...8).map { policy.delay(beforeRetry: $0, random: { $0 }) }
        #expect(ceilings == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4), .seconds(4)])
        #expect(policy.delay(beforeRetry: 3, random: { _ in 0 }) == .zero)
        #expect(policy.delay(beforeRetry: 1_000) <= .seconds(4))
        #expect(ConnectRetryPolicy.none.budget == .zero)
    }

    @Test func statementTimeout_roundsUpToWholeMilliseconds() {
        #expect(PostgresConfiguration.milliseconds(.milliseconds(1500)) == 1500)
        #expect(PostgresConfiguration.milliseconds(.microseconds(1)) == 1)
        #expect(PostgresConfiguration.milliseconds(.seconds(90)) == 90_000)
        #expect(PostgresConfiguration.milliseconds(.zero) == 0)
        #expect(PostgresConfiguration.milliseconds(.milliseconds(-5)) == 0)
    }
}
