import Yams

/// How the decoder looks at a YAML node: where it is, whether it is empty, and what it is called in messages.
extension Node {
    var location: SourceLocation { SourceLocation(mark) }

    /// `key:` with nothing after it, `~` or `null`, written without quotes.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        if scalar.tag.rawValue == Tag.Name.str.rawValue { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A scalar written without quotes (so `256` is a number and `"256"` a string), unless tagged `!!str`.
    /// Style, not the resolved tag, decides: Yams resolves tags lazily and in place (mapping keys get resolved
    /// while duplicates are checked), so a tag's name depends on what touched the node before.
    var plainText: String? {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any,
              scalar.tag.rawValue != Tag.Name.str.rawValue else { return nil }
        return scalar.string
    }

    /// What the node is, for "expected X, found Y" messages.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull { return "nothing" }
            let shown = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            if plainText != nil {
                if Int(scalar.string) != nil { return "the number \(shown)" }
                if ["true", "false", "True", "False", "TRUE", "FALSE"].contains(scalar.string) { return shown.lowercased() }
            }
            return "the string \"\(shown.replacingNewlines)\""
        }
    }
}

extension String {
    /// Keeps one-line messages on one line.
    var replacingNewlines: String {
        var result = ""
        for character in self {
            result += character.isNewline ? "\\n" : String(character)
        }
        return result
    }
}
