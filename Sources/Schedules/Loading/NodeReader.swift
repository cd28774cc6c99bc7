import Yams

/// Reads typed values out of YAML nodes; every mismatch becomes a located error and a nil.
final class NodeReader {
    let log: DiagnosticLog
    let duplicates: DuplicateKeys

    init(log: DiagnosticLog, duplicates: DuplicateKeys) {
        self.log = log
        self.duplicates = duplicates
    }

    func string(_ node: Node, at path: FieldPath) -> String? {
        guard case .scalar(let scalar) = node, !node.isNull else {
            log.error("\(path): expected a string, found \(node.kindDescription)", at: node.location)
            return nil
        }
        return scalar.string
    }

    func integer(_ node: Node, at path: FieldPath, in range: ClosedRange<Int>) -> Int? {
        guard let text = node.plainText, !node.isNull, let value = Int(text) else {
            var message = "\(path): expected an integer, found \(node.kindDescription)"
            if case .scalar(let scalar) = node, node.plainText == nil, Int(scalar.string) != nil {
                message += " (remove the quotes)"
            }
            log.error(message, at: node.location)
            return nil
        }
        guard range.contains(value) else {
            log.error("\(path): \(value) is out of range; expected \(range.lowerBound) to \(range.upperBound)", at: node.location)
            return nil
        }
        return value
    }

    /// An integer that must be one of `allowed`; otherwise `message(value, allowed list)` follows the path.
    func integer(_ node: Node, at path: FieldPath, oneOf allowed: [Int], otherwise message: (Int, String) -> String) -> Int? {
        guard let value = integer(node, at: path, in: 0...Int.max) else { return nil }
        guard allowed.contains(value) else {
            log.error("\(path): \(message(value, allowed.map(String.init).joined(separator: ", ")))", at: node.location)
            return nil
        }
        return value
    }

    func boolean(_ node: Node, at path: FieldPath) -> Bool? {
        switch node.plainText {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            log.error("\(path): expected true or false, found \(node.kindDescription)", at: node.location)
            return nil
        }
    }

    /// A duration in whole seconds (`90s`, `4m`, `1h30m`) within `range`.
    func duration(_ node: Node, at path: FieldPath, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, !node.isNull else {
            log.error("\(path): expected a duration like 90s, 4m or 1h, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard let seconds = DurationText.seconds(scalar.string) else {
            let shown = scalar.string.replacingNewlines
            let advice = Int(scalar.string) != nil ? "add a unit: \(shown)s, \(shown)m or \(shown)h" : "write it like 90s, 4m, 1h or 1h30m"
            log.error("\(path): '\(shown)' is not a duration; \(advice)", at: node.location)
            return nil
        }
        guard range.contains(seconds) else {
            let bounds = "\(DurationText.format(range.lowerBound)) to \(DurationText.format(range.upperBound))"
            log.error("\(path): \(scalar.string) is out of range; expected \(bounds)", at: node.location)
            return nil
        }
        return seconds
    }

    /// A list of strings, each with its position; nil when `node` is not a list.
    func stringList(_ node: Node, at path: FieldPath) -> [(value: String, location: SourceLocation)]? {
        guard case .sequence(let sequence) = node else {
            log.error("\(path): expected a list, found \(node.kindDescription)", at: node.location)
            return nil
        }
        var result: [(String, SourceLocation)] = []
        for (index, item) in sequence.enumerated() {
            if let value = string(item, at: path.appending("\(index)")) { result.append((value, item.location)) }
        }
        return result
    }

    /// A mapping of names to scalar values (numbers and booleans are kept as written).
    func stringMap(_ node: Node, at path: FieldPath, noun: String = "key") -> [(entry: MappingEntry, value: String)]? {
        guard let entries = entries(of: node, at: path, noun: noun) else { return nil }
        var result: [(MappingEntry, String)] = []
        for entry in entries {
            let entryPath = path.appending(entry.key)
            guard case .scalar(let scalar) = entry.value, !entry.value.isNull else {
                let advice = entry.value.isNull ? " (write \"\" for an empty value)" : ""
                log.error("\(entryPath): expected a string, found \(entry.value.kindDescription)\(advice)", at: entry.value.location)
                continue
            }
            result.append((entry, scalar.string))
        }
        return result
    }
}
