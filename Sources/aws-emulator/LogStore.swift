import AWS
import Foundation

/// Log streams (`group` + `stream` → events), written from process pipes, read by GetLogEvents. Lock-protected so
/// that lines keep the order they were read in.
final class LogStore: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [String: [OutputLogEvent]] = [:]
    private var partial: [String: Data] = [:]

    static func key(group: String, stream: String) -> String { group + "\u{0}" + stream }

    func create(group: String, stream: String) {
        lock.withLock { if streams[Self.key(group: group, stream: stream)] == nil { streams[Self.key(group: group, stream: stream)] = [] } }
    }

    /// Appends complete lines of `data` (per source pipe `source`); like the awslogs driver, empty lines are dropped.
    func append(_ data: Data, group: String, stream: String, source: String, flush: Bool = false) {
        lock.withLock {
            let key = Self.key(group: group, stream: stream)
            var buffer = (partial[key + source] ?? Data()) + data
            var lines: [String] = []
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer = Data(buffer[buffer.index(after: newline)...])
            }
            if flush && !buffer.isEmpty {
                lines.append(String(decoding: buffer, as: UTF8.self))
                buffer = Data()
            }
            partial[key + source] = buffer
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            for line in lines where !line.isEmpty {
                streams[key, default: []].append(OutputLogEvent(timestamp: now, message: line, ingestionTime: now))
            }
        }
    }

    /// Events from `start` on (at most `limit`), or nil when the stream does not exist.
    func events(group: String, stream: String, from start: Int, limit: Int) -> (events: [OutputLogEvent], end: Int)? {
        lock.withLock {
            guard let all = streams[Self.key(group: group, stream: stream)] else { return nil }
            let lower = min(max(start, 0), all.count)
            let upper = min(lower + limit, all.count)
            return (Array(all[lower..<upper]), upper)
        }
    }
}
