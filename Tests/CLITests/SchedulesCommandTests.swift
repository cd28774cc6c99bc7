import Foundation
import Testing
import TestSupport

/// `cronjob schedules` end to end: the built binary, its stdout, stderr and exit code.
@Suite("cronjob schedules")
struct SchedulesCommandTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryFile = repository.appendingPathComponent("schedules.yaml").path
    static let jobs = ["sync-payments", "process-notifications", "notify-upload", "check-payout"]

    /// A file in the test's scratch directory.
    private func scratchFile(_ name: String, _ text: String) throws -> String {
        let directory = try TestEnvironment.workDirectory().appendingPathComponent("schedules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func schedules_repositoryFile_printsATablePerEnvironment() throws {
        let output = try Executable.cronjob(["schedules", "--file", Self.repositoryFile, "--from", "2025-06-01T12:00:00Z"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("\(Self.repositoryFile): fire times after 2025-06-01T12:00:00Z\n"))
        #expect(output.stdout.contains("environment staging: account 210987654321, region sa-east-1"))
        #expect(output.stdout.contains("environment production: account 123456789012, region sa-east-1"))
        let rows = output.stdout.split(separator: "\n")
        for job in Self.jobs {
            #expect(rows.filter { $0.hasPrefix(job + " ") }.count == 2, "\(job) once per environment")
        }
        #expect(rows.contains { $0.hasPrefix("JOB") && $0.contains("NEXT (UTC)") && $0.hasSuffix("ENABLED") })
    }

    @Test func schedules_json_parsesAndHoldsEveryJob() throws {
        let output = try Executable.cronjob(["schedules", "--file", Self.repositoryFile, "--json", "--next", "2"])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let environments = try #require(object["environments"] as? [[String: Any]])
        #expect(environments.compactMap { $0["name"] as? String } == ["staging", "production"])
        for environment in environments {
            let jobs = try #require(environment["jobs"] as? [[String: Any]])
            #expect(jobs.compactMap { $0["name"] as? String } == Self.jobs)
            #expect(jobs.allSatisfy { ($0["next"] as? [String])?.count ?? 99 <= 2 })
            #expect(jobs.allSatisfy { $0["cpu"] as? Int == 256 && $0["memory"] as? Int == 512 })
        }
    }

    @Test func schedules_env_listsOnlyThatEnvironment() throws {
        let output = try Executable.cronjob(["schedules", "--file", Self.repositoryFile, "--env", "production", "--json"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect((object["environments"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["production"])
    }

    @Test func schedules_unknownEnv_exits64NamingTheEnvironments() throws {
        let output = try Executable.cronjob(["schedules", "--file", Self.repositoryFile, "--env", "prod"])
        #expect(output.status == 64)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == "cronjob: unknown environment 'prod'; did you mean 'production'? "
            + "environments in \(Self.repositoryFile): staging, production\n")
    }

    @Test func schedules_brokenFile_exits78WithTheLocatedLine() throws {
        let original = try String(contentsOfFile: Self.repositoryFile, encoding: .utf8)
        let broken = original.replacingOccurrences(of: "    log_retention_days: 7\n", with: "    log_retention_days: 10\n")
            .replacingOccurrences(of: "    schedule: rate(5 minutes)\n", with: "    scheudle: rate(5 minutes)\n")
        let path = try scratchFile("schedules.yaml", broken)
        let lines = broken.components(separatedBy: "\n")
        let retentionLine = try #require(lines.firstIndex(of: "    log_retention_days: 10")) + 1
        let output = try Executable.cronjob(["schedules", "--file", path])
        #expect(output.status == 78)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("\(path):\(retentionLine):25: error: environments.staging.log_retention_days: "
            + "CloudWatch Logs does not accept 10 days; expected one of 1, 3, 5, 7,"))
        #expect(output.stderr.contains("error: jobs.sync-payments: unknown key 'scheudle'; did you mean 'schedule'?"))
        #expect(output.stderr.contains("error: jobs.process-notifications: missing required key 'schedule'"))
        let diagnostics = output.stderr.split(separator: "\n")
        #expect(diagnostics.count == 6, "both environments, both jobs: \(output.stderr)")
        #expect(diagnostics.allSatisfy { $0.hasPrefix("\(path):") && $0.contains(": error: ") })
    }

    @Test func schedules_check_printsTheSummary() throws {
        let output = try Executable.cronjob(["schedules", "--check", "--file", Self.repositoryFile])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "ok: 4 jobs, 2 environments\n")
    }

    @Test func schedules_checkJSON_reportsErrorsAsData() throws {
        let path = try scratchFile("bad.yaml", "jobs: {}\n")
        let output = try Executable.cronjob(["schedules", "--check", "--json", "--file", path])
        #expect(output.status == 78)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let lines = diagnostics.map { "\($0["line"] ?? ""):\($0["column"] ?? "") \($0["message"] ?? "")" }
        #expect(lines.starts(with: ["1:1 schedule file: missing required key 'environments'"]))
        #expect(lines.contains("1:7 jobs: no jobs are scheduled"))
        // Every other finding is the registry cross-check: each job compiled into the binary is unscheduled here.
        #expect(lines.filter { !$0.contains("is registered but not scheduled") }.count == 2)
    }

    @Test func schedules_defaultFile_isTheOneInTheWorkingDirectory() throws {
        let here = try Executable.cronjob(["schedules", "--check"], directory: Self.repository)
        #expect(here.status == 0)
        let elsewhere = try Executable.cronjob(["schedules"], directory: try TestEnvironment.workDirectory())
        #expect(elsewhere.status == 78)
        #expect(elsewhere.stderr == "schedules.yaml: error: cannot open the schedule file: No such file or directory\n")
    }

    @Test(arguments: [
        ["--next", "-1"], ["--next", "1001"], ["--from", "yesterday"], ["--check", "--next", "2"], ["--bogus"],
    ])
    func schedules_badFlags_exit64(arguments: [String]) throws {
        let output = try Executable.cronjob(["schedules", "--file", Self.repositoryFile] + arguments)
        #expect(output.status == 64, "\(arguments): \(output.stderr)")
        #expect(output.stdout.isEmpty)
    }
}
