import Grammar
import Runner
import Testing

@Suite("Configuration and durations")
struct ConfigurationTests {
    @Test(arguments: [
        ("90s", Duration.seconds(90)), ("5m", .seconds(300)), ("1h30m", .seconds(5400)), ("2d", .seconds(172_800)),
        ("250ms", .milliseconds(250)), ("45", .seconds(45)), ("0.5", .milliseconds(500)), ("366d", .seconds(366 * 86_400)),
        ("1d2h3m4s5ms", .milliseconds(93_784_005)),
    ])
    func durationParser_acceptsCommonForms(text: String, expected: Duration) {
        #expect(DurationGrammar.parse(text) == expected)
    }

    @Test(arguments: [
        "", "m", "5x", "-3s", "1h30", "soon", "5m5", "nan", "1.5m", "1e16", "0x10", "99999999999999d",
        "9223372036854775807s", "367d", "5m1h", "5m5m", "inf", " 5m", "5M", "+5s", "1.2345",
    ])
    func durationParser_rejectsMalformed(text: String) {
        #expect(DurationGrammar.parse(text) == nil)
    }

    @Test func durationFormat_isShortest() {
        #expect(DurationGrammar.format(.seconds(240)) == "4m")
        #expect(DurationGrammar.format(.seconds(5400)) == "1h30m")
        #expect(DurationGrammar.format(.milliseconds(1500)) == "1s500ms")
        #expect(DurationGrammar.parse("1s500ms") == .milliseconds(1500))
    }

    @Test func configuration_defaultsFillOnlyGaps() {
        let configuration = Configuration(["A": "process", "EMPTY": ""]).withDefaults(["A": "file", "B": "file"])
        #expect(configuration.get("A") == "process")
        #expect(configuration.get("B") == "file")
        #expect(configuration.get("EMPTY") == nil)
    }

    @Test func configuration_malformedValue_namesTheVariableNotTheValue() {
        let configuration = Configuration(["BATCH": "lots", "WAIT": "later"])
        #expect(throws: ConfigurationError(variable: "BATCH", problem: "must be an integer in 1...1000")) {
            try configuration.int("BATCH", default: 10, range: 1...1000)
        }
        do {
            _ = try configuration.duration("WAIT", default: .seconds(1))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("WAIT"))
            #expect(!error.description.contains("later"))
        }
    }

    @Test func require_missing_throws() {
        #expect(throws: ConfigurationError.self) { try Configuration([:]).require("DATABASE_URL") }
    }
}
