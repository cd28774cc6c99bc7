/// Wording helpers for meanings: lists, ordinals, clock times and names.
enum EnglishList {
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// "a", "a and b", "a, b and c".
    static func join(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// "1st", "2nd", "3rd", "11th", "22nd".
    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    static func clock(_ hour: Int, _ minute: Int) -> String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// One value in a field's own terms: "08" (hour), "March", "Friday", "2026", "15".
    static func name(_ value: Int, _ spec: CronFieldSpec) -> String {
        switch spec.name {
        case CronFieldSpec.month.name: months[value - 1]
        case CronFieldSpec.dayOfWeek.name: weekdays[value - 1]
        case CronFieldSpec.hours.name: value < 10 ? "0\(value)" : "\(value)"
        default: "\(value)"
        }
    }

    /// A field's items in English: "minute 5", "minutes 0 and 30", "hours 08 through 17",
    /// "every 2nd hour from 00 through 23", "Monday through Friday", "January".
    static func describe(_ items: [CronItem], _ spec: CronFieldSpec, unit: String) -> String {
        let named = spec.name == CronFieldSpec.month.name || spec.name == CronFieldSpec.dayOfWeek.name
            || spec.name == CronFieldSpec.year.name
        let phrases = items.map { item -> String in
            switch item {
            case .all: return "every \(unit)"
            case .value(let value): return name(value, spec)
            case .range(let from, let through): return "\(name(from, spec)) through \(name(through, spec))"
            case .step(let from, let through, let every):
                let each = every == 1 ? "every \(unit)" : "every \(ordinal(every)) \(unit)"
                return "\(each) from \(name(from, spec)) through \(name(through, spec))"
            }
        }
        let plainOnly = items.allSatisfy { if case .step = $0 { false } else { true } }
        if named || !plainOnly && items.count == 1 { return join(phrases) }
        let plural = items.count > 1 || items.contains { if case .range = $0 { true } else { false } }
        return (plural ? unit + "s " : unit + " ") + join(phrases)
    }
}
