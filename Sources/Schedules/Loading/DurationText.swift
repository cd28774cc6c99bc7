/// Whole-second durations as written in schedules.yaml: `90s`, `4m`, `1h`, `1h30m`, `2d`.
public enum DurationText {
    private static let units: [(suffix: Character, seconds: Int)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// The number of seconds, or nil when `text` is not such a duration (a bare number has no unit: nil).
    public static func seconds(_ text: String) -> Int? {
        var total = 0
        var digits = ""
        var lastUnitRank = -1
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(String(digit))
                continue
            }
            guard let rank = units.firstIndex(where: { $0.suffix == character }), rank > lastUnitRank,
                  !digits.isEmpty, digits.count <= 9, let value = Int(digits) else { return nil }
            let (product, overflowProduct) = value.multipliedReportingOverflow(by: units[rank].seconds)
            let (sum, overflowSum) = total.addingReportingOverflow(product)
            guard !overflowProduct, !overflowSum else { return nil }
            total = sum
            digits = ""
            lastUnitRank = rank
        }
        guard digits.isEmpty, lastUnitRank >= 0 else { return nil }
        return total
    }

    /// The shortest spelling: 240 → `4m`, 5400 → `1h30m`, 0 → `0s`.
    public static func format(_ seconds: Int) -> String {
        guard seconds > 0 else { return "0s" }
        var rest = seconds
        var text = ""
        for unit in units where rest >= unit.seconds {
            text += "\(rest / unit.seconds)\(unit.suffix)"
            rest %= unit.seconds
        }
        return text
    }
}
