import CompileFixtures
import Schedules
import Testing

@Suite struct CompileDeterminismTests {
    @Test(arguments: CompileFormat.allCases, CompileTarget.allCases)
    func compile_twice_isByteIdentical(format: CompileFormat, target: CompileTarget) throws {
        let first = try ScheduleCompiler.compile(ScheduleFixtures.file(), environment: "production", format: format, target: target)
        let second = try ScheduleCompiler.compile(ScheduleFixtures.file(), environment: "production", format: format, target: target)
        #expect(first.files == second.files)
        #expect(!first.files.isEmpty)
    }

    @Test(arguments: CompileFormat.allCases)
    func compile_reorderedJobsAndSecrets_sameOutput(format: CompileFormat) throws {
        var shuffled = ScheduleFixtures.file()
        shuffled.jobs.reverse()
        shuffled.environments[1].secrets.reverse()
        let original = try ScheduleCompiler.compile(ScheduleFixtures.file(), environment: "production", format: format, target: .rules)
        let reordered = try ScheduleCompiler.compile(shuffled, environment: "production", format: format, target: .rules)
        #expect(original.files == reordered.files)
    }

    @Test func prettyPrinted_sortsKeysByteOrder_andEscapes() {
        let value: JSONValue = ["b": 1, "B": "x\"y\\z\n\u{01}/<>", "a": [true, .null, []], "c": [:]]
        #expect(
            value.prettyPrinted == """
                {
                  "B": "x\\"y\\\\z\\n\\u0001/<>",
                  "a": [
                    true,
                    null,
                    []
                  ],
                  "b": 1,
                  "c": {}
                }

                """)
        #expect(value.compactText == #"{"B":"x\"y\\z\n\u0001/<>","a":[true,null,[]],"b":1,"c":{}}"#)
    }
}
