/// The one JSON string escaper (RFC 8259): `"` and `\` escaped, `\n` `\r` `\t`, other control characters as `\u00xx`,
/// everything else as is. Used by the log lines, the compiled templates, the seeder and the provider sandbox.
public enum JSONStringLiteral {
    /// Appends `text` to `out` as a quoted JSON string.
    public static func append(_ text: some StringProtocol, to out: inout String) {
        out += "\""
        // Most text needs no escape: copied whole (the sandbox and the log lines are hot paths).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: text)
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// `text` as a quoted JSON string.
    public static func quoted(_ text: some StringProtocol) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }
}
