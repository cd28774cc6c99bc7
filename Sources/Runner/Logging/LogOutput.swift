import Foundation

/// Where log lines go. `emit` only appends the line to a bounded buffer (a short lock, no system call under it); a
/// writer thread writes the lines in the order they were emitted, so lines from concurrent tasks never interleave.
/// A full buffer makes `emit` wait for the writer: a line is never dropped. `flush` waits until the lines are written.
public final class LogOutput: Sendable {
    public enum Format: Sendable { case json, text }

    /// How many bytes of lines may wait for the writer before `emit` waits too.
    public static let defaultBufferLimit = 1 << 20

    public let format: Format
    private let buffer: LineBuffer

    /// `write` gets each line, in order, on the writer thread.
    public convenience init(format: Format, bufferLimit: Int = defaultBufferLimit, write: @escaping @Sendable (String) -> Void) {
        self.init(format: format, bufferLimit: bufferLimit, writeLines: { $0.forEach(write) })
    }

    init(format: Format, bufferLimit: Int, writeLines: @escaping @Sendable ([String]) -> Void) {
        self.format = format
        self.buffer = LineBuffer(limit: bufferLimit, writeLines: writeLines)
    }

    deinit { buffer.close() }

    /// JSON lines when stdout is not a terminal (ECS/awslogs), readable text on a terminal.
    /// `CRONJOB_LOG_FORMAT=json|text` overrides the choice.
    /// `descriptor` is stdout, or stderr when stdout is reserved for a result (the dry-run plan).
    public static func standardOutput(
        override: String? = nil, descriptor: Int32 = STDOUT_FILENO, bufferLimit: Int = defaultBufferLimit
    ) -> LogOutput {
        let format: Format
        switch override?.lowercased() {
        case "json": format = .json
        case "text": format = .text
        default: format = isatty(descriptor) == 1 ? .text : .json
        }
        return LogOutput(format: format, bufferLimit: bufferLimit) { lines in
            DescriptorWriter.write(lines, to: descriptor)
        }
    }

    public func emit(_ line: String) {
        buffer.append(line)
    }

    /// Waits until every line emitted before the call is written; false when `timeout` passed first.
    @discardableResult
    public func flush(timeout: Duration? = nil) -> Bool {
        buffer.waitUntilWritten(deadline: timeout.map(Self.dispatchTime) ?? .distantFuture)
    }

    /// The same without blocking a thread.
    public func flushed() async {
        await withCheckedContinuation { continuation in buffer.whenWritten { continuation.resume() } }
    }

    /// Flushes every output that has lines in flight: the executable's last step before it exits.
    @discardableResult
    public static func flushAll(timeout: Duration) -> Bool {
        let deadline = dispatchTime(timeout)
        return LineBuffer.withWriters.allSatisfy { $0.waitUntilWritten(deadline: deadline) }
    }

    private static func dispatchTime(_ timeout: Duration) -> DispatchTime {
        .now() + .nanoseconds(Int(min(timeout.seconds, 1e9) * 1e9))
    }
}
