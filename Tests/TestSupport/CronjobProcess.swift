import Foundation

/// Runs the built `cronjob` binary and captures what it printed, the way a user would see it.
public struct ProcessOutput: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let seconds: Double
    /// Whether the process ended because of a signal rather than exit().
    public let signalled: Bool
    public var combined: String { stdout + stderr }
}

public final class RunningProcess: @unchecked Sendable {
    public let process: Process
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let started = Date()
    private let lock = NSLock()
    private var stdoutData = Data()
    private var stderrData = Data()

    init(executable: URL, arguments: [String], environment: [String: String], directory: URL?) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        stdoutPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock { self.stdoutData.append(data) }
        }
        stderrPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock { self.stderrData.append(data) }
        }
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }

    /// Output so far (the process may still be running).
    public var stdoutSoFar: String { lock.withLock { String(decoding: stdoutData, as: UTF8.self) } }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end, killing it after `timeout` seconds.
    public func wait(timeout: Double = 120) -> ProcessOutput {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        stdoutPipe.fileHandleForReading.readabilityHandler = nil
        stderrPipe.fileHandleForReading.readabilityHandler = nil
        let restOut = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
        let restErr = stderrPipe.fileHandleForReading.readDataToEndOfFile()
        return lock.withLock {
            stdoutData.append(restOut)
            stderrData.append(restErr)
            return ProcessOutput(
                status: process.terminationStatus,
                stdout: String(decoding: stdoutData, as: UTF8.self),
                stderr: String(decoding: stderrData, as: UTF8.self),
                seconds: Date().timeIntervalSince(started),
                signalled: process.terminationReason == .uncaughtSignal
            )
        }
    }
}

/// Starts built executables (`cronjob`, `provider-sandbox`) with a clean, explicit environment.
public enum Executable {
    /// Environment every child gets: PATH and HOME only, so the host's PG* or DATABASE_URL never leak in.
    public static var baseEnvironment: [String: String] {
        let env = ProcessInfo.processInfo.environment
        return ["PATH": env["PATH"] ?? "/usr/bin:/bin", "HOME": env["HOME"] ?? "/tmp", "LANG": "C.UTF-8"]
    }

    /// `directory` defaults to the scratch directory, so the repository's schedules.yaml is not picked up by accident.
    public static func start(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) throws -> RunningProcess {
        let url = try TestEnvironment.binDirectory().appendingPathComponent(name)
        return try RunningProcess(
            executable: url, arguments: arguments,
            environment: baseEnvironment.merging(environment) { _, new in new },
            directory: try directory ?? TestEnvironment.workDirectory()
        )
    }

    /// Runs `cronjob ARGS...` to completion.
    public static func cronjob(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, timeout: Double = 120
    ) throws -> ProcessOutput {
        try start("cronjob", arguments, environment: environment, directory: directory).wait(timeout: timeout)
    }
}
