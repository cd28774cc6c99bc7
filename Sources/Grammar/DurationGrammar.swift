/// The one duration grammar of every flag, variable and schedules.yaml value: `250ms`, `90s`, `5m`, `1h30m`, `2d`
/// (units from largest to smallest, each at most once), or plain seconds (`30`, `0.5`). ASCII digits only: no
/// signs, exponents or hex. Bounded so that no caller's arithmetic can overflow.
public enum DurationGrammar {
    /// The longest duration anything here accepts: a year is beyond every timeout, window and delay we have.
    public static let maximumSeconds: Int64 = 366 * 86_400

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// The duration, or nil when `text` is not in the grammar or exceeds `maximumSeconds`.
    public static func parse(_ text: String) -> Duration? {
        milliseconds(text).map { .milliseconds($0) }
    }

    /// Like `parse`, in whole milliseconds.
    public static func milliseconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        let total = bytes.allSatisfy(isDigitOrDot) ? plainSeconds(bytes) : withUnits(bytes)
        guard let total, total <= maximumSeconds * 1000 else { return nil }
        return total
    }

    /// True when `text` carries at least one unit (schedules.yaml requires one).
    public static func hasUnit(_ text: String) -> Bool {
        text.utf8.contains { !isDigitOrDot($0) }
    }

    /// The shortest spelling: 240 s → `4m`, 5400 s → `1h30m`, 250 ms → `250ms`, 0 → `0s`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        guard total > 0 else { return "0s" }
        var rest = total
        var text = ""
        for unit in units where rest >= unit.milliseconds {
            text += "\(rest / unit.milliseconds)\(unit.suffix)"
            rest %= unit.milliseconds
        }
        return text
    }

    private static func isDigitOrDot(_ byte: UInt8) -> Bool { (48...57).contains(byte) || byte == 46 }

    /// `30`, `0.5`, `1.250`: at most 12 whole digits and 3 decimals.
    private static func plainSeconds(_ bytes: [UInt8]) -> Int64? {
        let parts = bytes.split(separator: 46, omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 12,
            let wholeValue = number(whole)
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard !decimals.isEmpty, decimals.count <= 3, let value = number(decimals) else { return nil }
            fraction = value * [100, 10, 1][decimals.count - 1]
        }
        return wholeValue * 1000 + fraction
    }

    /// `1h30m`, `250ms`: digit runs (at most 12 digits) each followed by a unit smaller than the one before.
    private static func withUnits(_ bytes: [UInt8]) -> Int64? {
        var total: Int64 = 0
        var index = 0
        var lastRank = -1
        while index < bytes.count {
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            guard index > start, index - start <= 12, let value = number(bytes[start..<index]) else { return nil }
            guard let rank = unitRank(bytes, at: index), rank > lastRank else { return nil }
            index += units[rank].suffix.utf8.count
            let (product, overflow) = value.multipliedReportingOverflow(by: units[rank].milliseconds)
            guard !overflow, product <= maximumSeconds * 1000 else { return nil }
            total += product
            lastRank = rank
        }
        return total
    }

    private static func unitRank(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "m"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "s") { return 4 }
        return units.indices.first { units[$0].suffix.utf8.count == 1 && units[$0].suffix.utf8.first == bytes[index] }
    }

    private static func number<C: Collection<UInt8>>(_ digits: C) -> Int64? {
        var value: Int64 = 0
        for byte in digits {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return value
    }
}
