import Foundation
import Testing
import TestSupport

/// The exit-code table, produced by the built binary the way ECS runs it.
@Suite("cronjob run exit codes")
struct RunExitCodeTests {
    @Test func run_unknownJob_exits64() throws {
        let output = try Executable.cronjob(["run", "no-such-job"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("unknown job 'no-such-job'"))
    }

    @Test func run_badTimeout_exits64() throws {
        let output = try Executable.cronjob(["run", "notify-upload", "--timeout", "soon"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--timeout"))
    }

    @Test func run_withoutDatabaseVariables_exits78NamingTheVariable() throws {
        let output = try Executable.cronjob(["run", "notify-upload"])
        #expect(output.status == 78)
        #expect(output.combined.contains("DATABASE_URL"))
    }

    @Test func run_malformedDatabaseSecret_exits78WithoutEchoingIt() throws {
        let secret = #"{"username":"app","password":"hunter2-very-secret","host":"#
        let output = try Executable.cronjob(["run", "notify-upload"], environment: ["DATABASE_SECRET": secret])
        #expect(output.status == 78)
        #expect(output.combined.contains("DATABASE_SECRET"))
        #expect(!output.combined.contains("hunter2-very-secret"))
    }

    @Test func run_malformedSetting_exits78NamingIt() throws {
        let output = try Executable.cronjob(
            ["run", "notify-upload"],
            environment: ["DATABASE_URL": "postgresql://u:p@127.0.0.1:1/db", "CRONJOB_CONNECT_TIMEOUT": "later"]
        )
        #expect(output.status == 78)
        #expect(output.combined.contains("CRONJOB_CONNECT_TIMEOUT"))
    }

    @Test func run_unreachableDatabase_exits75AfterRetryBudget() throws {
        let password = "s3cret-unreachable-pw"
        let output = try Executable.cronjob(
            ["run", "notify-upload"],
            environment: ["DATABASE_URL": "postgresql://app:\(password)@127.0.0.1:9/app", "CRONJOB_CONNECT_TIMEOUT": "3s"]
        )
        #expect(output.status == 75)
        #expect(output.seconds >= 2.5 && output.seconds < 30)
        #expect(output.stdout.contains("retrying"))
        #expect(!output.combined.contains(password))
    }

    @Test func run_wrongPassword_exits78WithoutThePassword() throws {
        let fixture = try CLIFixture()
        let wrong = "definitely-wrong-password-42"
        let url = fixture.database.url.replacingOccurrences(of: ":\(fixture.password)@", with: ":\(wrong)@")
        let output = try Executable.cronjob(["run", "notify-upload"], environment: ["DATABASE_URL": url])
        #expect(output.status == 78)
        #expect(!output.combined.contains(wrong))
        #expect(!output.combined.contains(fixture.password))
    }

    @Test func run_success_exits0_recordsHistoryAndMetrics() throws {
        let fixture = try CLIFixture(seedArguments: [])
        let output = try Executable.cronjob(["run", "notify-upload"], environment: fixture.environment)
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == lines.count, "every stdout line is one JSON object")
        #expect(objects.allSatisfy { $0["job"] as? String == "notify-upload" || $0["_aws"] != nil })
        #expect(objects.contains { ($0["run_id"] as? String)?.count == 36 && $0["environment"] as? String == "local" })
        let metrics = try #require(objects.last { $0["_aws"] != nil })
        #expect(metrics["ExitCode"] as? Int == 0)
        #expect(metrics["Job"] as? String == "notify-upload")
        let history = try fixture.history(job: "notify-upload")
        #expect(history.count == 1)
        #expect(history.first?.status == "succeeded")
        #expect(history.first?.exitCode == 0)
        #expect(history.first?.finished == true)
        #expect((history.first?.itemsOK ?? 0) > 0, "the seeded dataset has orders that need a reminder")
        #expect(metrics["ItemsSucceeded"] as? Int == history.first?.itemsOK)
        #expect(!output.combined.contains(fixture.password))
    }

    @Test func version_and_help_listExitCodes() throws {
        let version = try Executable.cronjob(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try Executable.cronjob(["--help"])
        #expect(help.status == 0)
        for code in ["64", "69", "75", "78", "124", "130", "143"] {
            #expect(help.stdout.contains("  \(code) "), "help lists exit code \(code)")
        }
    }
}
