import Testing
@testable import Schedules

@Suite("schedules.yaml: invalid files")
struct ScheduleFileInvalidTests {
    static let cases = InvalidScheduleFile.structure + InvalidScheduleFile.keys + InvalidScheduleFile.types
        + InvalidScheduleFile.values

    @Test func table_hasAtLeastThirtyCases() {
        #expect(Self.cases.count >= 30)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    @Test(arguments: cases)
    func load_invalidFile_reportsEveryErrorLocated(_ invalid: InvalidScheduleFile) {
        #expect(ScheduleFileFixtures.errors(invalid.yaml) == invalid.expected)
    }
}
