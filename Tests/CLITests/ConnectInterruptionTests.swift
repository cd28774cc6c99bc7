import Foundation
import Testing
import TestSupport

/// ECS sends SIGTERM and then SIGKILL after the stop timeout: a run still waiting for the database must stop at once,
/// not after the rest of its connect budget (issue 10).
@Suite("Stop while connecting", .serialized)
struct ConnectInterruptionTests {
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func run_signalDuringConnectRetries_stopsWithinASecond(signal: Int32, status: Int32) throws {
        let process = try Executable.start(
            "cronjob", ["run", "notify-upload"],
            environment: ["DATABASE_URL": "postgresql://u:p@127.0.0.1:1/db", "CRONJOB_CONNECT_TIMEOUT": "60s"])
        // Let it fail its first attempt and start backing off.
        Thread.sleep(forTimeInterval: 1.5)
        let signalled = Date()
        process.signal(signal)
        let output = process.wait(timeout: 30)
        let seconds = Date().timeIntervalSince(signalled)
        #expect(output.status == status, "\(output.combined)")
        #expect(seconds < 2, "took \(seconds) s to stop after the signal")
        #expect(output.stdout.contains("retrying"), "it was retrying when stopped: \(output.stdout)")
    }
}
