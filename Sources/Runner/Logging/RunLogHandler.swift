import Foundation
import Grammar
import Logging

/// swift-log handler for a run: one JSON object per line (time, level, message, job, run id, environment,
/// dotted metadata) or a readable line on a terminal; every line passes through the redactor.
public struct RunLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let output: LogOutput
    private let redact: Redactor

    public init(label: String, output: LogOutput, redactor: Redactor, level: Logger.Level = .info) {
        self.label = label
        self.output = output
        self.redact = redactor
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line: String
        switch output.format {
        case .json: line = jsonLine(level: event.level, message: "\(event.message)", metadata: merged)
        case .text: line = textLine(level: event.level, message: "\(event.message)", metadata: merged)
        }
        output.emit(redact(line))
    }

    private func jsonLine(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = JSONLine()
        line.add("time", Timestamp.iso8601(Date()))
        line.add("level", level.rawValue)
        line.add("message", message)
        for key in ["job", "run_id", "environment"] {
            if let value = metadata[key] { line.add(key, "\(value)") }
        }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) where !["job", "run_id", "environment"].contains(key) {
            line.add(key, raw: Self.json(value))
        }
        return line.finished()
    }

    private func textLine(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        let time = Timestamp.iso8601(Date()).dropFirst(11).prefix(8)
        var text = "\(time) \(level.rawValue.uppercased().padding(toLength: 7, withPad: " ", startingAt: 0)) \(message)"
        let shown = metadata.filter { !["run_id", "environment"].contains($0.key) }.sorted { $0.key < $1.key }
        if !shown.isEmpty {
            text += "  " + shown.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        return TerminalText.escaped(text)
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return JSONStringLiteral.quoted(string)
        case .stringConvertible(let convertible):
            if let number = convertible as? any BinaryInteger { return "\(number)" }
            if let number = convertible as? Double, number.isFinite { return "\(number)" }
            if let flag = convertible as? Bool { return flag ? "true" : "false" }
            return JSONStringLiteral.quoted(convertible.description)
        case .array(let values): return "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            let items = dictionary.sorted { $0.key < $1.key }.map { JSONStringLiteral.quoted($0.key) + ":" + json($0.value) }
            return "{" + items.joined(separator: ",") + "}"
        }
    }
}
