import Grammar

/// The hottest route's body check (POST /v1/messages): the whole document validated by `JSONScanner`, and which
/// top-level members are non-empty strings. JSONDecoder cost more than the rest of the request; payouts, which need
/// the values, still use it.
enum MessageBodyScan {
    /// The names in `wanted` whose top-level values are non-empty strings; nil unless `bytes` is one valid JSON object.
    static func nonEmptyStrings(in bytes: UnsafeRawBufferPointer, wanted: [StaticString]) -> Set<Int>? {
        var scan = JSONScanner(bytes)
        var found = Set<Int>()
        let isObject = scan.object { key, scan in
            guard scan.peek == UInt8(ascii: "\"") else { return scan.value() }
            guard let value = scan.string() else { return false }
            if value.count > 0, let slot = wanted.firstIndex(where: { scan.equal(key, $0) }) { found.insert(slot) }
            return true
        }
        return isObject ? found : nil
    }
}
