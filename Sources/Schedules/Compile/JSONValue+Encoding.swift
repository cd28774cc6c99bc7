import Grammar

extension JSONValue {
    /// Two-space indented JSON with keys in byte order and a final newline: the format of every file we write.
    public var prettyPrinted: String {
        var out = ""
        Self.write(self, into: &out, indent: 0, pretty: true)
        out += "\n"
        return out
    }

    /// JSON on one line with keys in byte order, for documents embedded in strings (policies, templates).
    public var compactText: String {
        var out = ""
        Self.write(self, into: &out, indent: 0, pretty: false)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: Int, pretty: Bool) {
        switch value {
        case .string(let text): JSONStringLiteral.append(text, to: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            out += "["
            for (index, element) in values.enumerated() {
                if index > 0 { out += "," }
                if pretty { newline(into: &out, indent: indent + 1) }
                write(element, into: &out, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(into: &out, indent: indent) }
            out += "]"
        case .object(let entries):
            guard !entries.isEmpty else { out += "{}"; return }
            out += "{"
            // Byte order, not Swift's Unicode collation, so other tools sort the same way.
            let sorted = entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, (key, element)) in sorted.enumerated() {
                if index > 0 { out += "," }
                if pretty { newline(into: &out, indent: indent + 1) }
                JSONStringLiteral.append(key, to: &out)
                out += pretty ? ": " : ":"
                write(element, into: &out, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(into: &out, indent: indent) }
            out += "}"
        }
    }

    private static func newline(into out: inout String, indent: Int) {
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }
}
