import Foundation

/// One awslogs event of the task, read back: a JSON log line of the runner (shown as the readable text a terminal
/// would get) or anything else (a dry-run plan line, a line of a crash), passed through verbatim.
enum InvokeLogLine: Equatable {
    case log(String)
    case other(String)

    /// A runner log line is a JSON object with string `time`, `level` and `message`; the EMF metrics line has `_aws`.
    /// A dry-run plan is pretty-printed JSON, so no line of it is a whole object with those keys.
    static func classify(_ message: String) -> InvokeLogLine {
        let trimmed = message.hasSuffix("\n") ? String(message.dropLast()) : message
        guard trimmed.first == "{", trimmed.last == "}",
              let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any]
        else { return .other(trimmed) }
        if let aws = object["_aws"] as? [String: Any] {
            let metrics = ((aws["CloudWatchMetrics"] as? [[String: Any]])?.first?["Metrics"] as? [[String: Any]] ?? [])
                .compactMap { $0["Name"] as? String }
            let values = metrics.compactMap { name in object[name].map { "\(name)=\(Self.text($0))" } }
            return .log("metrics  " + values.joined(separator: " "))
        }
        guard let time = object["time"] as? String, let level = object["level"] as? String,
              let text = object["message"] as? String
        else { return .other(trimmed) }
        let clock = time.count >= 19 ? String(time.dropFirst(11).prefix(8)) : time
        var line = "\(clock) \(level.uppercased().padding(toLength: 7, withPad: " ", startingAt: 0)) \(text)"
        let hidden: Set<String> = ["time", "level", "message", "run_id", "environment"]
        let shown = object.filter { !hidden.contains($0.key) }.sorted { $0.key < $1.key }
        if !shown.isEmpty { line += "  " + shown.map { "\($0.key)=\(Self.text($0.value))" }.joined(separator: " ") }
        return .log(line)
    }

    private static func text(_ value: Any) -> String {
        if let string = value as? String { return string }
        if let number = value as? NSNumber { return number.stringValue }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }
}
