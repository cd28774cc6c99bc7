/// The grammar of one of the six cron fields: name, values, names and wildcards, as AWS documents them.
///
/// Source: EventBridge "Cron expressions reference"
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html), whose table gives
/// Minutes 0-59 `, - * /`; Hours 0-23 `, - * /`; Day-of-month 1-31 `, - * ? / L W`; Month 1-12 or JAN-DEC
/// `, - * /`; Day-of-week 1-7 or SUN-SAT `, - * ? L #`; Year 1970-2199 `, - * /`.
/// Day-of-week has no `/` in the current table (translations of older revisions still list it), and
/// EventBridge rejects steps there, so we reject them too.
struct CronFieldSpec: Sendable {
    /// The field's name as AWS's table spells it, used in every message ("day-of-week").
    let name: String
    let range: ClosedRange<Int>
    /// Three-letter names for the values from `range.lowerBound`, upper case; matched case-insensitively.
    let names: [String]
    let allowsStep: Bool
    /// The largest step Quartz accepts (a minute step over 59, an hour step over 23, a day step over 31
    /// or a month step over 12 is refused there); for years, anything within the range.
    let maxStep: Int
    /// Whether a range may run past the end and wrap (`22-2` hours, `FRI-MON`), as in Quartz, the
    /// scheduler whose syntax EventBridge adopted. A reversed year range has no meaning.
    let wraps: Bool
    /// The wildcards AWS allows in the field, for messages.
    let wildcards: String

    /// What a valid value looks like, for messages: "0-59", "1-12 or JAN-DEC".
    var validValues: String {
        let numbers = "\(range.lowerBound)-\(range.upperBound)"
        guard let first = names.first, let last = names.last else { return numbers }
        return "\(numbers) or \(first)-\(last)"
    }

    var stepRange: ClosedRange<Int> { 1...maxStep }

    static let minutes = CronFieldSpec(
        name: "minutes", range: 0...59, names: [], allowsStep: true, maxStep: 59, wraps: true, wildcards: ", - * /")
    static let hours = CronFieldSpec(
        name: "hours", range: 0...23, names: [], allowsStep: true, maxStep: 23, wraps: true, wildcards: ", - * /")
    static let dayOfMonth = CronFieldSpec(
        name: "day-of-month", range: 1...31, names: [], allowsStep: true, maxStep: 31, wraps: true, wildcards: ", - * ? / L W")
    static let month = CronFieldSpec(
        name: "month", range: 1...12,
        names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
        allowsStep: true, maxStep: 12, wraps: true, wildcards: ", - * /")
    static let dayOfWeek = CronFieldSpec(
        name: "day-of-week", range: 1...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
        allowsStep: false, maxStep: 1, wraps: true, wildcards: ", - * ? L #")
    static let year = CronFieldSpec(
        name: "year", range: 1970...2199, names: [], allowsStep: true, maxStep: 229, wraps: false, wildcards: ", - * /")
}

/// One comma-separated element of a plain cron field.
enum CronItem: Hashable, Sendable {
    /// `*`
    case all
    /// `5`, `MON`
    case value(Int)
    /// `1-15`; `from > through` wraps past the end of the field.
    case range(from: Int, through: Int)
    /// `0/15` (through the field's end), `*/15` (whole field), `8-17/2`.
    case step(from: Int, through: Int, every: Int)

    /// The values the item selects, in the field's own numbering.
    func values(in spec: CronFieldSpec) -> [Int] {
        switch self {
        case .all: return Array(spec.range)
        case .value(let value): return [value]
        case .range(let from, let through): return Self.walk(from: from, through: through, every: 1, in: spec)
        case .step(let from, let through, let every): return Self.walk(from: from, through: through, every: every, in: spec)
        }
    }

    /// Counts from `from` to `through`, wrapping from the field's end to its start when `from > through`.
    private static func walk(from: Int, through: Int, every: Int, in spec: CronFieldSpec) -> [Int] {
        let size = spec.range.count
        let span = from <= through ? through - from : through + size - from
        return stride(from: 0, through: span, by: every).map { offset in
            let shifted = from + offset
            return shifted > spec.range.upperBound ? shifted - size : shifted
        }
    }
}
