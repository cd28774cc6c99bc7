import Grammar
import Foundation

/// Settings read from a dictionary (the process environment, with schedules.yaml variables under it),
/// so that tests inject their own. Variable names are SCREAMING_SNAKE.
public struct Configuration: Sendable {
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The process environment.
    public static var process: Configuration { Configuration(ProcessInfo.processInfo.environment) }

    /// Returns a copy where `defaults` fill only the variables that are not already set.
    public func withDefaults(_ defaults: [String: String]) -> Configuration {
        Configuration(values.merging(defaults) { current, _ in current })
    }

    public func get(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    public func require(_ name: String) throws(ConfigurationError) -> String {
        guard let value = get(name) else { throw ConfigurationError(variable: name, problem: "is not set") }
        return value
    }

    public func int(_ name: String, default fallback: Int, range: ClosedRange<Int> = 0...Int.max) throws(ConfigurationError) -> Int {
        guard let text = get(name) else { return fallback }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ConfigurationError(variable: name, problem: "must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    public func double(_ name: String, default fallback: Double) throws(ConfigurationError) -> Double {
        guard let text = get(name) else { return fallback }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else {
            throw ConfigurationError(variable: name, problem: "must be a non-negative number")
        }
        return value
    }

    /// A duration in the one grammar (`90s`, `5m`, `1h30m`, `2d`, `250ms` or plain seconds), at most `maximum`.
    public func duration(
        _ name: String, default fallback: Duration, maximum: Duration = .seconds(DurationGrammar.maximumSeconds)
    ) throws(ConfigurationError) -> Duration {
        guard let text = get(name) else { return fallback }
        guard let value = DurationGrammar.parse(text.trimmingCharacters(in: .whitespaces)), value <= maximum else {
            throw ConfigurationError(
                variable: name, problem: "must be a duration like 30s, 5m, 1h30m or 2d, at most \(DurationGrammar.format(maximum))")
        }
        return value
    }

    public func bool(_ name: String, default fallback: Bool) throws(ConfigurationError) -> Bool {
        guard let text = get(name)?.lowercased() else { return fallback }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, problem: "must be true or false")
        }
    }
}

/// A missing or malformed setting. Exit 78. Never carries the value itself (it may be a secret).
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var variable: String
    public var problem: String
    public init(variable: String, problem: String) {
        self.variable = variable
        self.problem = problem
    }
    public var description: String { "\(variable) \(problem)" }
}
