import Dispatch
import Foundation
import Synchronization

/// The lines a `LogOutput` has not written yet, at most `limit` bytes of them (those being written included), and the
/// thread that writes them in order. `append` holds the lock only to add the line; when the buffer is full it waits for
/// the writer (back-pressure: a line is never dropped). The thread starts with the first line and ends once closed and
/// empty.
final class LineBuffer: Sendable {
    private struct State {
        var lines: [String] = []
        var pendingBytes = 0
        var appended: UInt64 = 0
        var written: UInt64 = 0
        var writerRunning = false
        var writerIdle = false
        var closed = false
        var spaceWaiters: [DispatchSemaphore] = []
        var flushWaiters: [(line: UInt64, resume: @Sendable () -> Void)] = []
    }

    let limit: Int
    private let writeLines: @Sendable ([String]) -> Void
    private let state = Mutex(State())
    private let wakeWriter = DispatchSemaphore(value: 0)

    /// Buffers whose writer runs, so that the process can flush them all before it exits.
    private static let running = Mutex<[ObjectIdentifier: LineBuffer]>([:])

    init(limit: Int, writeLines: @escaping @Sendable ([String]) -> Void) {
        self.limit = max(1, limit)
        self.writeLines = writeLines
    }

    func append(_ line: String) {
        let size = line.utf8.count + 1
        while true {
            let outcome = state.withLock { state -> Append in
                guard state.pendingBytes == 0 || state.pendingBytes + size <= limit else {
                    let space = DispatchSemaphore(value: 0)
                    state.spaceWaiters.append(space)
                    return .full(space)
                }
                state.lines.append(line)
                state.pendingBytes += size
                state.appended += 1
                defer { (state.writerRunning, state.writerIdle) = (true, false) }
                return state.writerRunning ? (state.writerIdle ? .wakeWriter : .added) : .startWriter
            }
            switch outcome {
            case .full(let space):
                space.wait()
                continue
            case .startWriter: startWriter()
            case .wakeWriter: wakeWriter.signal()
            case .added: break
            }
            return
        }
    }

    /// Calls `resume` once every line appended so far is written (at once when they are).
    func whenWritten(_ resume: @escaping @Sendable () -> Void) {
        let done = state.withLock { state -> Bool in
            guard state.written < state.appended else { return true }
            state.flushWaiters.append((state.appended, resume))
            return false
        }
        if done { resume() }
    }

    /// Blocks until every line appended so far is written; false when `deadline` came first.
    func waitUntilWritten(deadline: DispatchTime) -> Bool {
        let written = DispatchSemaphore(value: 0)
        whenWritten { written.signal() }
        return written.wait(timeout: deadline) == .success
    }

    /// The writer writes what is left, then ends.
    func close() {
        let wake = state.withLock { state -> Bool in
            state.closed = true
            defer { state.writerIdle = false }
            return state.writerIdle
        }
        if wake { wakeWriter.signal() }
    }

    static var withWriters: [LineBuffer] { running.withLock { Array($0.values) } }

    private func startWriter() {
        Self.running.withLock { $0[ObjectIdentifier(self)] = self }
        Thread { [self] in drain() }.start()
    }

    private enum Append { case added, wakeWriter, startWriter, full(DispatchSemaphore) }

    private enum Step { case write([String]), wait, end }

    private func drain() {
        while true {
            let step = state.withLock { state -> Step in
                if !state.lines.isEmpty {
                    defer { state.lines = [] }
                    return .write(state.lines)
                }
                if state.closed {
                    state.writerRunning = false
                    return .end
                }
                state.writerIdle = true
                return .wait
            }
            switch step {
            case .write(let lines):
                writeLines(lines)
                written(lines)
            case .wait:
                wakeWriter.wait()
            case .end:
                Self.running.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(self)) }
                return
            }
        }
    }

    /// Frees the space of written lines and wakes the producers and flushes waiting for it.
    private func written(_ lines: [String]) {
        let bytes = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        let (producers, flushes) = state.withLock { state in
            state.pendingBytes -= bytes
            state.written += UInt64(lines.count)
            let written = state.written
            let flushes = state.flushWaiters.filter { $0.line <= written }.map(\.resume)
            state.flushWaiters.removeAll { $0.line <= written }
            defer { state.spaceWaiters = [] }
            return (state.spaceWaiters, flushes)
        }
        producers.forEach { $0.signal() }
        flushes.forEach { $0() }
    }
}
