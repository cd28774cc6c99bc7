/// A strict RFC 8259 scanner over UTF-8 bytes that allocates nothing: whitespace, punctuation, strings as raw byte
/// ranges (escapes validated, not decoded), numbers, literals, and any value skipped whole (nesting up to 64 deep).
/// The one JSON reader below Foundation's: `FlatJSONObject` reads provider answers with it, and the provider
/// sandbox validates message bodies with it on its hottest route.
public struct JSONScanner {
    public let bytes: UnsafeRawBufferPointer
    public private(set) var index = 0
    private var depth = 0

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    public var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    public var isAtEnd: Bool { index == bytes.count }

    public mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    public mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    /// A string's raw bytes between the quotes (escapes validated, not decoded; `decodedString(_:)` decodes them).
    public mutating func string() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while let byte = peek {
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return start..<(index - 1)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escaped = peek else { return nil }
                if escaped == UInt8(ascii: "u") {
                    for offset in 1...4 {
                        guard index + offset < bytes.count, Self.isHex(bytes[index + offset]) else { return nil }
                    }
                    index += 5
                } else {
                    guard "\"\\/bfnrt".utf8.contains(escaped) else { return nil }
                    index += 1
                }
            case 0..<0x20:
                return nil
            default:
                index += 1
            }
        }
        return nil
    }

    /// Reads the rest of the input as one JSON object (whitespace around it allowed), calling `member` with each member's
    /// key (raw, as `string()` gives it) while the scanner stands at the member's value: `member` reads or skips that
    /// value and returns false to reject the document. False unless the input is one valid object that `member` took.
    public mutating func object(_ member: (_ key: Range<Int>, _ scanner: inout JSONScanner) -> Bool) -> Bool {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if !take(UInt8(ascii: "}")) {
            repeat {
                skipWhitespace()
                guard let key = string() else { return false }
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipWhitespace()
                guard member(key, &self) else { return false }
                skipWhitespace()
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return false }
        }
        skipWhitespace()
        return isAtEnd
    }

    /// Skips any JSON value; false if it is malformed.
    public mutating func value() -> Bool {
        guard let byte = peek else { return false }
        switch byte {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["): return container(closing: byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number() != nil
        }
    }

    private mutating func container(closing: UInt8) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 64 else { return false }
        let isObject = closing == UInt8(ascii: "}")
        index += 1
        skipWhitespace()
        if take(closing) { return true }
        while true {
            if isObject {
                guard string() != nil else { return false }
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipWhitespace()
            }
            guard value() else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { skipWhitespace(); continue }
            return take(closing)
        }
    }

    public mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, as its raw bytes.
    public mutating func number() -> Range<Int>? {
        let start = index
        _ = take(UInt8(ascii: "-"))
        if !take(UInt8(ascii: "0")) {
            guard let first = peek, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first) else { return nil }
            skipDigits()
        }
        if take(UInt8(ascii: ".")) {
            guard let digit = peek, Self.isDigit(digit) else { return nil }
            skipDigits()
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard let digit = peek, Self.isDigit(digit) else { return nil }
            skipDigits()
        }
        return start..<index
    }

    private mutating func skipDigits() {
        while let byte = peek, Self.isDigit(byte) { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// Whether the raw bytes at `range` spell `name` (a key written with escapes never matches).
    public func equal(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != name.utf8Start[offset] { return false }
        return true
    }

    /// The text of a string `string()` returned: escapes decoded; nil for invalid UTF-8 or a lone surrogate.
    public func decodedString(_ range: Range<Int>) -> String? {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
        guard raw.contains(UInt8(ascii: "\\")) else { return Self.validUTF8(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32 {  // string() checked the four digits
            raw[at..<at + 4].reduce(0) { value, byte in
                value << 4 | UInt32(Self.isDigit(byte) ? byte - UInt8(ascii: "0") : (byte | 0x20) - UInt8(ascii: "a") + 10)
            }
        }
        while i < raw.count {
            guard raw[i] == UInt8(ascii: "\\") else {
                out.append(raw[i])
                i += 1
                continue
            }
            switch raw[i + 1] {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i + 2)
                i += 6
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard i + 5 < raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") else { return nil }
                    let low = hex4(i + 2)
                    guard (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: String(unicode).utf8)
                continue
            default: out.append(raw[i + 1])  // \" \\ \/
            }
            i += 2
        }
        return out.withUnsafeBytes(Self.validUTF8)
    }

    /// The text, or nil when the bytes are not valid UTF-8 (decoding would have replaced some, so it reads back different).
    private static func validUTF8(_ bytes: UnsafeRawBufferPointer) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }
}
