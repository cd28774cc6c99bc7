import Foundation

/// Where log lines go: stdout, one write per line under a lock so lines from concurrent tasks never interleave.
public final class LogOutput: @unchecked Sendable {
    public enum Format: Sendable { case json, text }

    public let format: Format
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void

    public init(format: Format, write: @escaping @Sendable (String) -> Void) {
        self.format = format
        self.write = write
    }

    /// JSON lines when stdout is not a terminal (ECS/awslogs), readable text on a terminal.
    /// `CRONJOB_LOG_FORMAT=json|text` overrides the choice.
    /// `descriptor` is stdout, or stderr when stdout is reserved for a result (the dry-run plan).
    public static func standardOutput(override: String? = nil, descriptor: Int32 = STDOUT_FILENO) -> LogOutput {
        let format: Format
        switch override?.lowercased() {
        case "json": format = .json
        case "text": format = .text
        default: format = isatty(descriptor) == 1 ? .text : .json
        }
        return LogOutput(format: format) { line in
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { if errno == EINTR { continue }; return }
                    offset += written
                }
            }
        }
    }

    public func emit(_ line: String) {
        lock.withLock { write(line) }
    }
}
