import Foundation
import Grammar
import Testing

@Suite("The one time grammar")
struct TimeGrammarTests {
    @Test(arguments: [
        ("2026-01-01T10:00:00Z", 1_767_261_600.0), ("2026-01-01T12:00:00+02:00", 1_767_261_600.0),
        ("2026-01-01T05:30:00-04:30", 1_767_261_600.0), ("2026-01-01T10:00Z", 1_767_261_600.0),
        ("2026-01-01", 1_767_225_600.0), ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1970-01-01T00:00:00Z", 0.0), ("2026-01-01T10:00:00.250Z", 1_767_261_600.25),
    ])
    func parse_acceptsRFC3339(text: String, epochSeconds: Double) {
        #expect(TimeGrammar.parse(text)?.timeIntervalSince1970 == epochSeconds)
    }

    @Test(arguments: [
        "2026-02-29T00:00:00Z", "2026-02-30", "2026-04-31", "2026-01-01T00:00:00+99:00", "2026-01-01T00:00:00+24:00",
        "294277-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1582-10-10T00:00:00Z", "1969-12-31T23:59:59Z",
        "2026-01-01T10:00:00", "2026-01-01T25:00:00Z", "2026-01-01T10:60:00Z", "2026-01-01T10:00:60Z",
        "2026-01-01 10:00:00Z", "2026-1-1", "", "now", "2026-01-01T10:00:00Zjunk", "１９７０-01-01",
    ])
    func parse_refusesWhatIsNotARealTime(text: String) {
        #expect(TimeGrammar.parse(text) == nil)
    }

    @Test func parse_lastYearOfTheRange() {
        #expect(TimeGrammar.parse("9999-12-31T23:59:59Z")?.timeIntervalSince1970 == 253_402_300_799)
    }
}
