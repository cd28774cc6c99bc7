import Foundation

/// The task processes still running, so that the emulator takes them down with it when it stops
/// (SIGTERM to the emulator, or its parent gone): a test's tasks never outlive the test.
final class ChildProcesses: @unchecked Sendable {
    static let shared = ChildProcesses()
    private let lock = NSLock()
    private var pids: Set<Int32> = []

    func add(_ pid: Int32) { lock.withLock { _ = pids.insert(pid) } }
    func remove(_ pid: Int32) { lock.withLock { _ = pids.remove(pid) } }

    func killAll() {
        for pid in lock.withLock({ pids }) { kill(pid, SIGKILL) }
    }
}
