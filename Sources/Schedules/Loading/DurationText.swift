import Grammar

/// Durations as written in schedules.yaml: the one duration grammar, with a unit and in whole seconds.
public enum DurationText {
    /// The number of seconds, or nil when `text` is not such a duration (a bare number has no unit: nil).
    public static func seconds(_ text: String) -> Int? {
        guard DurationGrammar.hasUnit(text), let milliseconds = DurationGrammar.milliseconds(text),
            milliseconds % 1000 == 0
        else { return nil }
        return Int(milliseconds / 1000)
    }

    /// The shortest spelling: 240 → `4m`, 5400 → `1h30m`, 0 → `0s`.
    public static func format(_ seconds: Int) -> String {
        DurationGrammar.format(.seconds(seconds))
    }
}
