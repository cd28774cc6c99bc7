import ArgumentParser
import Foundation
import Runner
import Schedules

/// `cronjob compile`: schedules.yaml to AWS artifacts for one environment.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile schedules.yaml into ECS task definitions, EventBridge rules or schedules, IAM and alarms.",
        discussion: """
            Writes, for one environment: a Fargate task definition per job, an EventBridge rule (or, with
            --target scheduler, an EventBridge Scheduler schedule) per job with retries and a dead-letter
            queue, least-privilege IAM roles, the log group, and a rule that sends failed runs to the alarm
            topic. The output is byte-identical for the same input.

              cloudformation  DIR/cronjob-ENV.template.json (deploy with CAPABILITY_NAMED_IAM)
              aws-cli         DIR/deploy.sh and the --cli-input-json files it applies
              terraform       DIR/*.tf.json

            Exits 78 when the file or the environment cannot be compiled (every problem is listed),
            64 for an unknown environment or a bad option.
            """
    )

    @Option(name: .customLong("env"), help: "The environment to compile (a key under environments:).")
    var environment: String

    @Option(help: "Output format: \(CompileFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: CompileFormat

    @Option(help: "What fires the jobs: rules (EventBridge rules, UTC) or scheduler (EventBridge Scheduler).")
    var target: CompileTarget = .rules

    @Option(help: "Directory to write into (created if missing).")
    var out: String

    @Option(help: "The schedule file.")
    var file: String = "schedules.yaml"

    func validate() throws {
        try OutputDirectory.validate(out, flag: "--out")
    }

    func run() throws {
        let loaded = try ScheduleFileOptions.load(path: file)
        _ = try loaded.file.environment(flag: environment)
        do {
            let output = try ScheduleCompiler.compile(
                loaded.file, environment: environment, format: format, target: target)
            for warning in output.warnings { printError("\(file): \(warning)") }
            try output.write(to: URL(fileURLWithPath: out))
            print("wrote \(output.files.count) files to \(out) (\(format.rawValue), \(target.rawValue), \(environment))")
        } catch {
            throw CommandFailure(lines: [error.description], exitCode: error.exitCode)
        }
    }
}

extension CompileFormat: ExpressibleByArgument {}
extension CompileTarget: ExpressibleByArgument {}
