import CompileFixtures
import Foundation
import Schedules
import Testing

/// Terraform cannot run here, so the references and escaping of the `*.tf.json` output are checked directly.
@Suite struct CompileTerraformTests {
    @Test(arguments: CompileTarget.allCases, ["staging", "production"])
    func terraform_everyReference_namesADeclaredResource(target: CompileTarget, environment: String) throws {
        let output = try ScheduleCompiler.compile(ScheduleFixtures.file(), environment: environment, format: .terraform, target: target)
        var declared = Set<String>()
        var text = ""
        for file in output.files {
            let document = try #require(try JSONSerialization.jsonObject(with: Data(file.contents.utf8)) as? [String: Any])
            for (type, instances) in document["resource"] as? [String: [String: Any]] ?? [:] {
                for name in instances.keys { declared.insert("\(type).\(name)") }
            }
            text += file.contents
        }
        let references = text.matches(of: /\$\{([a-z_]+\.[a-z_]+)\.([a-z_]+)\}/).map { (String($0.1), String($0.2)) }
        #expect(references.count > 10)
        for (resource, attribute) in references {
            #expect(declared.contains(resource), "${\(resource).\(attribute)} names no resource")
            #expect(["arn", "id", "name"].contains(attribute))
        }
        #expect(declared.contains("aws_cloudwatch_event_rule.task_failures"))
        #expect(declared.contains(target == .rules ? "aws_cloudwatch_event_target.sync_payments" : "aws_scheduler_schedule.sync_payments"))
        let versions = try #require(output.files.first { $0.path == "versions.tf.json" })
        #expect(versions.contents.contains(#""allowed_account_ids""#) && !versions.contents.contains(#""resource""#))
    }

    @Test func terraform_literalTemplateSyntax_isEscaped() throws {
        var file = ScheduleFixtures.file()
        file.jobs[0].description = "costs ${price} and %{if x}"
        let output = try ScheduleCompiler.compile(file, environment: "production", format: .terraform, target: .rules)
        let schedules = try #require(output.files.first { $0.path == "schedules.tf.json" }).contents
        #expect(schedules.contains("costs $${price} and %%{if x}"))
    }
}
