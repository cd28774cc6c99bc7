import Foundation
import TestSupport

/// Runs a tool found on PATH (`aws`, `cfn-lint`, `bash`) and captures its output. A tool that is not
/// installed fails the test: scripts/test.sh installs them.
enum ExternalTool {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var combined: String { stdout + stderr }
    }

    struct Failed: Error, CustomStringConvertible {
        let command: String
        let result: Result
        var description: String { "`\(command)` exited \(result.status):\n\(result.combined)" }
    }

    static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, timeout: Double = 300
    ) throws -> Result {
        let scratch = try TestEnvironment.workDirectory().appendingPathComponent("tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let inherited = ProcessInfo.processInfo.environment
        process.environment = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/tmp", "LANG": "C.UTF-8"]
            .merging(environment) { _, new in new }
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8)
        )
    }

    /// Runs and throws unless the exit status is 0.
    @discardableResult
    static func succeed(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        let result = try run(arguments, environment: environment, directory: directory)
        guard result.status == 0 else { throw Failed(command: arguments.joined(separator: " "), result: result) }
        return result
    }
}
