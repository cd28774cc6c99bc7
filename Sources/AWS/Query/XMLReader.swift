/// A small reader for the well-formed XML that AWS Query services answer with: elements, text, entities,
/// CDATA, comments and processing instructions. Ours rather than FoundationXML or XMLCoder, because those
/// link libxml2 into the binary and the runtime image; AWS answers need none of DTDs, namespaces or validation.
/// Bad input throws; it never traps.
public enum XMLReader {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at byte \(offset)" }
    }

    /// Documents nest no deeper than this (AWS answers nest about 8 deep).
    static let maximumDepth = 64

    /// Parses `text` and returns its root element.
    public static func parse(_ text: String) throws(Failure) -> AWSXMLElement {
        var reader = Cursor(bytes: Array(text.utf8))
        reader.skipMisc()
        guard reader.peek == UInt8(ascii: "<") else { throw Failure(message: "no root element", offset: reader.index) }
        let root = try reader.element(depth: 0)
        reader.skipMisc()
        guard reader.atEnd else { throw Failure(message: "text after the root element", offset: reader.index) }
        return root
    }

    struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func starts(with literal: String) -> Bool {
            let utf8 = Array(literal.utf8)
            guard index + utf8.count <= bytes.count else { return false }
            return Array(bytes[index..<(index + utf8.count)]) == utf8
        }

        mutating func skip(past literal: String) throws(Failure) {
            let utf8 = Array(literal.utf8)
            while index + utf8.count <= bytes.count {
                if Array(bytes[index..<(index + utf8.count)]) == utf8 {
                    index += utf8.count
                    return
                }
                index += 1
            }
            throw Failure(message: "unterminated markup (no \(literal))", offset: bytes.count)
        }

        mutating func skipWhitespace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        /// Whitespace, comments, the XML declaration and processing instructions outside the root.
        mutating func skipMisc() {
            while true {
                skipWhitespace()
                if starts(with: "<?") {
                    guard (try? skip(past: "?>")) != nil else { return }
                } else if starts(with: "<!--") {
                    guard (try? skip(past: "-->")) != nil else { return }
                } else if starts(with: "<!DOCTYPE") {
                    guard (try? skip(past: ">")) != nil else { return }
                } else {
                    return
                }
            }
        }

        mutating func name() throws(Failure) -> String {
            let start = index
            while let byte = peek, !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D), byte != UInt8(ascii: ">"),
                  byte != UInt8(ascii: "/"), byte != UInt8(ascii: "=")
            {
                index += 1
            }
            guard index > start else { throw Failure(message: "expected a name", offset: index) }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// `<name attr="v">...</name>` or `<name/>`, the cursor on its `<`.
        mutating func element(depth: Int) throws(Failure) -> AWSXMLElement {
            guard depth < XMLReader.maximumDepth else { throw Failure(message: "nested too deep", offset: index) }
            index += 1
            let qualified = try name()
            try attributes()
            if starts(with: "/>") {
                index += 2
                return AWSXMLElement(name: Self.local(qualified))
            }
            guard peek == UInt8(ascii: ">") else { throw Failure(message: "expected '>' after <\(qualified)", offset: index) }
            index += 1
            var element = AWSXMLElement(name: Self.local(qualified))
            var text: [UInt8] = []
            while true {
                guard !atEnd else { throw Failure(message: "<\(qualified)> is not closed", offset: index) }
                if starts(with: "</") {
                    index += 2
                    let closing = try name()
                    guard closing == qualified else {
                        throw Failure(message: "</\(closing)> closes <\(qualified)>", offset: index)
                    }
                    skipWhitespace()
                    guard peek == UInt8(ascii: ">") else { throw Failure(message: "expected '>'", offset: index) }
                    index += 1
                    element.text = try XMLEntities.decode(text, offset: index)
                    return element
                } else if starts(with: "<![CDATA[") {
                    index += 9
                    let start = index
                    try skip(past: "]]>")
                    text += XMLEntities.escapeForLater(bytes[start..<(index - 3)])
                } else if starts(with: "<!--") {
                    try skip(past: "-->")
                } else if starts(with: "<?") {
                    try skip(past: "?>")
                } else if peek == UInt8(ascii: "<") {
                    element.children.append(try self.element(depth: depth + 1))
                } else if let byte = peek {
                    text.append(byte)
                    index += 1
                }
            }
        }

        /// Skips `name="value"` pairs up to `>` or `/>`.
        mutating func attributes() throws(Failure) {
            while true {
                skipWhitespace()
                guard let byte = peek else { throw Failure(message: "unterminated tag", offset: index) }
                if byte == UInt8(ascii: ">") || starts(with: "/>") { return }
                _ = try name()
                skipWhitespace()
                guard peek == UInt8(ascii: "=") else { throw Failure(message: "attribute without a value", offset: index) }
                index += 1
                skipWhitespace()
                guard let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                    throw Failure(message: "attribute value not quoted", offset: index)
                }
                index += 1
                while let next = peek, next != quote { index += 1 }
                guard !atEnd else { throw Failure(message: "unterminated attribute value", offset: index) }
                index += 1
            }
        }

        static func local(_ qualified: String) -> String {
            guard let colon = qualified.lastIndex(of: ":") else { return qualified }
            return String(qualified[qualified.index(after: colon)...])
        }
    }
}
