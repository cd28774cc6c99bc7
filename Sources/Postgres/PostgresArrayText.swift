/// PostgreSQL's text format for one-dimensional arrays: `{1,2,NULL}`, `{"a \"quoted\" one","back\\slash"}`.
enum PostgresArrayText {
    /// Every element is double-quoted (valid for every element type), with `"` and `\` backslash-escaped. Built as
    /// UTF-8 bytes: neither byte occurs inside a multi-byte character, and appending scalar by scalar showed in the
    /// drain's profile (a completion sends a batch's ids and outcomes as arrays).
    static func format(_ elements: [String?]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(2 + elements.reduce(0) { $0 + ($1?.utf8.count ?? 4) + 3 })
        text.append(UInt8(ascii: "{"))
        for (index, element) in elements.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            guard let element else {
                text += "NULL".utf8
                continue
            }
            text.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { text.append(UInt8(ascii: "\\")) }
                text.append(byte)
            }
            text.append(UInt8(ascii: "\""))
        }
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }

    /// Parses a one-dimensional array; unquoted `NULL` is SQL NULL, a quoted "NULL" is the text NULL.
    static func parse(_ text: String) throws -> [String?] {
        var bytes = Substring(text).utf8[...]
        // Arrays with non-default lower bounds are printed as `[0:2]={...}`; the bounds carry no values.
        if bytes.first == UInt8(ascii: "[") {
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { throw malformed }
            bytes = bytes[bytes.index(after: equals)...]
        }
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { throw malformed }
        let body = Array(bytes.dropFirst().dropLast())
        var elements: [String?] = []
        if body.allSatisfy(isSpace) { return elements }
        var index = 0
        while true {
            while index < body.count, isSpace(body[index]) { index += 1 }
            guard index < body.count else { throw malformed }
            if body[index] == UInt8(ascii: "{") {
                throw PostgresError.decoding("multidimensional arrays are not supported")
            }
            var element: [UInt8] = []
            var quoted = false
            if body[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while true {
                    guard index < body.count else { throw malformed }
                    let byte = body[index]
                    if byte == UInt8(ascii: "\"") { index += 1; break }
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                        guard index < body.count else { throw malformed }
                    }
                    element.append(body[index])
                    index += 1
                }
                while index < body.count, isSpace(body[index]) { index += 1 }
            } else {
                var trailingSpaces = 0
                while index < body.count, body[index] != UInt8(ascii: ","), body[index] != UInt8(ascii: "}") {
                    var byte = body[index]
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                        guard index < body.count else { throw malformed }
                        byte = body[index]
                        trailingSpaces = 0
                    } else {
                        trailingSpaces = isSpace(byte) ? trailingSpaces + 1 : 0
                    }
                    element.append(byte)
                    index += 1
                }
                element.removeLast(trailingSpaces)
                guard !element.isEmpty else { throw malformed }  // `{1,,2}`: an empty element must be quoted
            }
            let value = String(decoding: element, as: UTF8.self)
            let isNull = !quoted && value.count == 4 && value.uppercased() == "NULL"
            elements.append(isNull ? nil : value)
            if index == body.count { return elements }
            guard body[index] == UInt8(ascii: ",") else { throw malformed }
            index += 1
        }
    }

    private static var malformed: PostgresError { PostgresError.decoding("not a valid array literal") }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
