/// A strict, allocation-free JSON scanner for the hottest route (POST /v1/messages): it validates the whole
/// document and reports which top-level members are non-empty strings. JSONDecoder cost more than the rest of
/// the request; payouts, which need the values, still use it.
struct JSONScan {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var depth = 0

    /// The names in `wanted` whose top-level values are non-empty strings; nil unless `bytes` is one valid JSON object.
    static func nonEmptyStrings(in bytes: UnsafeRawBufferPointer, wanted: [StaticString]) -> Set<Int>? {
        var scan = JSONScan(bytes: bytes)
        var found = Set<Int>()
        scan.skipWhitespace()
        guard scan.peek == UInt8(ascii: "{") else { return nil }
        scan.index += 1
        scan.skipWhitespace()
        if scan.peek == UInt8(ascii: "}") {
            scan.index += 1
        } else {
            while true {
                guard let key = scan.string() else { return nil }
                scan.skipWhitespace()
                guard scan.take(UInt8(ascii: ":")) else { return nil }
                scan.skipWhitespace()
                if scan.peek == UInt8(ascii: "\"") {
                    guard let value = scan.string() else { return nil }
                    if value.count > 0, let slot = wanted.firstIndex(where: { scan.equal(key, $0) }) { found.insert(slot) }
                } else if !scan.value() {
                    return nil
                }
                scan.skipWhitespace()
                if scan.take(UInt8(ascii: ",")) { scan.skipWhitespace(); continue }
                guard scan.take(UInt8(ascii: "}")) else { return nil }
                break
            }
        }
        scan.skipWhitespace()
        return scan.index == bytes.count ? found : nil
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    /// A string's raw bytes between the quotes (escapes validated, not decoded).
    private mutating func string() -> Range<Int>? {
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

    /// Skips any JSON value; false if it is malformed.
    private mutating func value() -> Bool {
        guard let byte = peek else { return false }
        switch byte {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["): return container(closing: byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
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

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func number() -> Bool {
        _ = take(UInt8(ascii: "-"))
        if take(UInt8(ascii: "0")) {
        } else {
            guard let first = peek, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first) else { return false }
            skipDigits()
        }
        if take(UInt8(ascii: ".")) {
            guard let digit = peek, Self.isDigit(digit) else { return false }
            skipDigits()
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard let digit = peek, Self.isDigit(digit) else { return false }
            skipDigits()
        }
        return true
    }

    private mutating func skipDigits() {
        while let byte = peek, Self.isDigit(byte) { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// Whether the raw bytes at `range` spell `name` (a key written with escapes never matches; none of ours needs any).
    private func equal(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != name.utf8Start[offset] { return false }
        return true
    }
}
