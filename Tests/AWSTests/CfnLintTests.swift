import CompileFixtures
import Foundation
import Schedules
import Testing

/// cfn-lint (installed by scripts/test.sh) validates the templates against CloudFormation's resource schemas.
@Suite struct CfnLintTests {
    @Test(arguments: CompileTarget.allCases, ["staging", "production"])
    func cloudFormation_passesCfnLint(target: CompileTarget, environment: String) throws {
        let (directory, output) = try EmulatorSchedule.write(
            ScheduleFixtures.file(), environment: environment, format: .cloudformation, target: target)
        let template = directory.appendingPathComponent(try #require(output.files.first).path)
        let result = try ExternalTool.run(["cfn-lint", "--format", "parseable", "--", template.path])
        #expect(result.status == 0, "cfn-lint found problems:\n\(result.combined)")
    }

    @Test func cfnLint_rejectsABrokenTemplate() throws {
        // Proves the linter runs and fails: a Fargate task definition with an invalid network mode.
        let (directory, output) = try EmulatorSchedule.write(
            ScheduleFixtures.file(), environment: "production", format: .cloudformation, target: .rules)
        let url = directory.appendingPathComponent(try #require(output.files.first).path)
        let broken = try String(contentsOf: url, encoding: .utf8).replacing(#""NetworkMode": "awsvpc""#, with: #""NetworkMode": "cloud""#)
        try Data(broken.utf8).write(to: url)
        let result = try ExternalTool.run(["cfn-lint", "--format", "parseable", "--", url.path])
        #expect(result.status != 0)
        #expect(result.combined.contains("cloud"))
    }
}
