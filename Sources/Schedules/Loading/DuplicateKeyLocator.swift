/// Finds the second occurrence of a mapping key in the text and swaps it for a placeholder of the same width.
enum DuplicateKeyLocator {
    struct Occurrence {
        var location: SourceLocation
        /// Width in Unicode scalars, quotes included.
        var width: Int
    }

    /// The next occurrence of `key` written as a key of the same mapping as the one at `first`.
    /// Block mappings: same column, before the mapping ends. Flow mappings: after `{` or `,`.
    static func findRepeat(of key: String, after first: SourceLocation, in text: String) -> Occurrence? {
        let lines = splitLines(text)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let forms = [key, "\"\(key)\"", "'\(key)'"].map { Array($0.unicodeScalars) }
        let firstLine = lines[first.line - 1]
        let column = first.column - 1
        guard column >= 0, column <= firstLine.count else { return nil }
        let isBlock = firstLine[..<column].allSatisfy { $0 == " " || $0 == "-" || $0 == "?" }

        if isBlock {
            for lineIndex in first.line..<lines.count {
                let line = lines[lineIndex]
                guard let start = line.firstIndex(where: { $0 != " " }), line[start] != "#" else { continue }
                if start < column { return nil }
                guard start == column, let width = keyWidth(in: line, at: start, forms: forms) else { continue }
                return Occurrence(location: SourceLocation(line: lineIndex + 1, column: start + 1), width: width)
            }
            return nil
        }
        for lineIndex in (first.line - 1)..<lines.count {
            let line = lines[lineIndex]
            let from = lineIndex == first.line - 1 ? column + 1 : 0
            guard from <= line.count else { continue }
            for position in from..<line.count where isFlowKeyStart(line, position) {
                if let width = keyWidth(in: line, at: position, forms: forms) {
                    return Occurrence(location: SourceLocation(line: lineIndex + 1, column: position + 1), width: width)
                }
            }
        }
        return nil
    }

    /// A key made of private-use scalars, `width` wide, distinct for each `index`.
    static func placeholder(width: Int, index: Int) -> String? {
        let base = 0xF8FF - 0xE000 + 1
        var rest = index
        var scalars: [Unicode.Scalar] = []
        for _ in 0..<width {
            guard let scalar = Unicode.Scalar(0xE000 + rest % base) else { return nil }
            scalars.append(scalar)
            rest /= base
        }
        guard rest == 0, !scalars.isEmpty else { return nil }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    static func replace(at location: SourceLocation, width: Int, with replacement: String, in text: String) -> String? {
        var scalars = Array(text.unicodeScalars)
        var line = 1
        var offset = 0
        while line < location.line, offset < scalars.count {
            if scalars[offset] == "\n" { line += 1 }
            offset += 1
        }
        let start = offset + location.column - 1
        guard line == location.line, start + width <= scalars.count else { return nil }
        scalars.replaceSubrange(start..<(start + width), with: replacement.unicodeScalars)
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    private static func splitLines(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if lines[lines.count - 1].last == "\r" { lines[lines.count - 1].removeLast() }
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
        return lines
    }

    private static func isFlowKeyStart(_ line: [Unicode.Scalar], _ position: Int) -> Bool {
        var index = position - 1
        while index >= 0, line[index] == " " { index -= 1 }
        return index < 0 || line[index] == "," || line[index] == "{"
    }

    /// Width of `key` (in one of its written forms) at `position` when a `:` follows it.
    private static func keyWidth(in line: [Unicode.Scalar], at position: Int, forms: [[Unicode.Scalar]]) -> Int? {
        for form in forms where position + form.count <= line.count && Array(line[position..<(position + form.count)]) == form {
            var next = position + form.count
            while next < line.count, line[next] == " " { next += 1 }
            guard next < line.count, line[next] == ":" else { continue }
            let after = next + 1
            if after == line.count || [" ", "\t", ",", "}"].contains(line[after]) || form.first == "\"" || form.first == "'" {
                return form.count
            }
        }
        return nil
    }
}
