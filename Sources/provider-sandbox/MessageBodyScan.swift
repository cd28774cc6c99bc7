import Grammar

/// The hottest route's body check (POST /v1/messages): the whole document validated by `JSONScanner`, and which
/// top-level members are non-empty strings. JSONDecoder cost more than the rest of the request; payouts, which need
/// the values, still use it.
enum MessageBodyScan {
    /// The names in `wanted` whose top-level values are non-empty strings; nil unless `bytes` is one valid JSON object.
    static func nonEmptyStrings(in bytes: UnsafeRawBufferPointer, wanted: [StaticString]) -> Set<Int>? {
        var scan = JSONScanner(bytes)
        var found = Set<Int>()
        scan.skipWhitespace()
        guard scan.take(UInt8(ascii: "{")) else { return nil }
        scan.skipWhitespace()
        if !scan.take(UInt8(ascii: "}")) {
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
        return scan.isAtEnd ? found : nil
    }
}
