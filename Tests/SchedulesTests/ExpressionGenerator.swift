import TestSupport

/// Builds random valid cron expressions that use every operator AWS accepts, as a model plus its text.
struct ExpressionGenerator {
    var random: SplitMix64

    private static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

    /// A name in random case (`mon`, `Mon`, `MON`), as AWS matches names case-insensitively.
    private mutating func randomCase(_ name: String) -> String {
        switch int(0...3) {
        case 0: name.lowercased()
        case 1: name.prefix(1) + name.dropFirst().lowercased()
        default: name
        }
    }

    /// A value as text: sometimes with a leading zero, sometimes (month, day-of-week) as a name.
    private mutating func write(_ value: Int, names: [String], base: Int) -> String {
        if !names.isEmpty, chance(50) { return randomCase(names[value - base]) }
        if value < 10, names.isEmpty, base < 1970, chance(10) { return "0\(value)" }
        return "\(value)"
    }

    /// A plain field (minutes, hours, day-of-month numbers, month, year): `*`, values, ranges, steps, lists.
    mutating func items(_ bounds: ClosedRange<Int>, names: [String] = [], star: Int, steps: Bool = true,
                        wraps: Bool = true) -> ([ExpressionModel.Item], String) {
        if chance(star) { return ([.star], "*") }
        let count = chance(70) ? 1 : int(2...4)
        var items: [ExpressionModel.Item] = []
        var texts: [String] = []
        for _ in 0..<count {
            let a = int(bounds)
            switch int(0...(steps ? 4 : 1)) {
            case 0:
                items.append(.value(a))
                texts.append(write(a, names: names, base: bounds.lowerBound))
            case 1:
                var b = int(bounds)
                if !wraps, b < a { b = a + int(0...min(5, bounds.upperBound - a)) }
                items.append(.range(a, b))
                texts.append(write(a, names: names, base: bounds.lowerBound) + "-" + write(b, names: names, base: bounds.lowerBound))
            case 2:
                let step = int(1...max(1, min(bounds.upperBound, 31)))
                items.append(.step(start: nil, end: nil, step: step))
                texts.append("*/\(step)")
            case 3:
                let step = int(1...max(1, min(bounds.upperBound, 31)))
                items.append(.step(start: a, end: nil, step: step))
                texts.append(write(a, names: names, base: bounds.lowerBound) + "/\(step)")
            default:
                var b = int(bounds)
                if !wraps, b < a { b = a + int(0...min(5, bounds.upperBound - a)) }
                let step = int(1...max(1, min(bounds.upperBound, 12)))
                items.append(.step(start: a, end: b, step: step))
                texts.append(write(a, names: names, base: bounds.lowerBound) + "-" + write(b, names: names, base: bounds.lowerBound) + "/\(step)")
            }
        }
        return (items, texts.joined(separator: ","))
    }

    /// The year field, biased towards `startYear` so that most expressions fire within the window,
    /// with past years (never fires again) and steps.
    private mutating func years(around startYear: Int) -> ([ExpressionModel.Item], String) {
        let clamp = { (y: Int) in min(2199, max(1970, y)) }
        switch int(0...9) {
        case 0...4: return ([.star], "*")
        case 5:
            let y = clamp(startYear - int(1...5))  // in the past: never fires again
            return ([.value(y)], "\(y)")
        case 6:
            let a = clamp(startYear - int(0...2)), b = clamp(startYear + int(0...3))
            return ([.range(a, b)], "\(a)-\(b)")
        case 7:
            let ys = Array(Set([clamp(startYear), clamp(startYear + 1), clamp(startYear + int(2...9))])).sorted()
            return (ys.map { .value($0) }, ys.map(String.init).joined(separator: ","))
        case 8:
            let a = clamp(startYear - int(0...3)), step = int(1...3)
            return ([.step(start: a, end: nil, step: step)], "\(a)/\(step)")
        default:
            return items(1970...2199, star: 0, wraps: false)
        }
    }

    private mutating func dayOfMonth() -> (ExpressionModel.DayOfMonth, String) {
        switch int(0...9) {
        case 0: return (.last, randomCase("L"))
        case 1: return (.lastWeekday, chance(50) ? "LW" : "lw")
        case 2:
            let n = chance(50) ? [1, 2, 28, 29, 30, 31].randomElement(using: &random)! : int(1...31)
            return (.nearestWeekday(n), "\(n)W")
        default:
            let (items, text) = items(1...31, star: 25)
            return (.items(items), text)
        }
    }

    private mutating func dayOfWeek() -> (ExpressionModel.DayOfWeek, String) {
        let day = int(1...7)
        let dayText = write(day, names: Self.dayNames, base: 1)
        switch int(0...9) {
        case 0: return (.saturday, "L")
        case 1: return (.lastOfMonth(day), dayText + (chance(50) ? "L" : "l"))
        case 2: return (.nth(day, int(1...5)), "")
        default:
            let (items, text) = items(1...7, names: Self.dayNames, star: 20, steps: false)
            return (.items(items), text)
        }
    }

    /// A random valid expression for a search that starts in `startYear`.
    mutating func expression(startYear: Int) -> ExpressionModel {
        let (minutes, minutesText) = items(0...59, star: 15)
        let (hours, hoursText) = items(0...23, star: 25)
        let (months, monthsText) = items(1...12, names: Self.monthNames, star: 60)
        let (years, yearsText) = years(around: startYear)
        var dom: ExpressionModel.DayOfMonth = .question
        var dow: ExpressionModel.DayOfWeek = .question
        var (domText, dowText) = ("?", "?")
        if chance(50) {
            (dom, domText) = dayOfMonth()
        } else {
            (dow, dowText) = dayOfWeek()
            if case .nth(let d, let k) = dow { dowText = write(d, names: Self.dayNames, base: 1) + "#\(k)" }
        }
        let separator = chance(5) ? "  " : " "
        let fields = [minutesText, hoursText, domText, monthsText, dowText, yearsText]
        return ExpressionModel(
            minutes: minutes, hours: hours, dayOfMonth: dom, months: months, dayOfWeek: dow, years: years,
            text: "cron(" + fields.joined(separator: separator) + ")")
    }
}
