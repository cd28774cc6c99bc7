import Foundation
import Schedules
import Testing
import TestSupport

@Suite("Schedule expression: next fire times against a brute-force evaluator")
struct ExpressionPropertyTests {
    static let expressionCount = 6_000
    static let firesPerExpression = 5
    /// Eight years of days: every expression that fires at least every few years is fully checked.
    static let windowDays = 8 * 366

    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    @Test func nextFireTimes_randomExpressions_matchBruteForce() throws {
        var generator = ExpressionGenerator(random: SplitMix64(seed: 0x5EED_C0DE_2026))
        var disagreements: [String] = []
        var comparedFires = 0
        var firesBeyondWindow = 0
        var neverFiringAgain = 0
        for _ in 0..<Self.expressionCount {
            let start = Self.randomInstant(&generator.random)
            let startYear = ExpressionPropertyTests.utcCalendar.component(.year, from: start)
            let model = generator.expression(startYear: startYear)
            let expression: ScheduleExpression
            do {
                expression = try ScheduleExpression(parsing: model.text)
            } catch {
                disagreements.append("\(model.text): does not parse: \(error)")
                continue
            }
            let engine = expression.nextFireTimes(after: start, count: Self.firesPerExpression)
                .map { Int64($0.timeIntervalSince1970) / 60 }
            let brute = ExpressionBruteForce(model: model).fires(
                afterSecond: Int64(start.timeIntervalSince1970.rounded(.down)),
                count: Self.firesPerExpression, maxDays: Self.windowDays)
            comparedFires += brute.fires.count
            if engine.isEmpty { neverFiringAgain += 1 }
            if let problem = Self.compare(engine: engine, brute: brute, model: model) {
                disagreements.append("\(model.text) after \(start.formatted(.iso8601)): \(problem)")
            }
            firesBeyondWindow += engine.filter { $0 >= brute.scannedUntil }.count
            if let gap = expression.minimumInterval {
                for (a, b) in zip(engine, engine.dropFirst()) where Double((b - a) * 60) < gap {
                    disagreements.append("\(model.text): consecutive fires \((b - a) * 60) s apart, below minimumInterval \(gap)")
                }
            }
        }
        print("""
            property test: compared \(Self.expressionCount) expressions (\(comparedFires) fire times found by brute force, \
            \(firesBeyondWindow) beyond its \(Self.windowDays)-day window checked field by field, \
            \(neverFiringAgain) that never fire again); \(disagreements.count) disagreed
            """)
        for line in disagreements.prefix(20) { print("  disagreement: \(line)") }
        #expect(disagreements.isEmpty)
    }

    /// Nil when the engine's fire times (minutes since the epoch) agree with the brute force.
    static func compare(engine: [Int64], brute: ExpressionBruteForce.Result, model: ExpressionModel) -> String? {
        let inWindow = engine.filter { $0 < brute.scannedUntil }
        if inWindow != brute.fires {
            return "engine \(format(engine)) but brute force \(format(brute.fires))"
        }
        if brute.reachedEnd, engine.count != brute.fires.count {
            return "engine \(format(engine)) fires after 2199"
        }
        // Beyond the window the brute force cannot say what comes first; each time must still match.
        for minute in engine where minute >= brute.scannedUntil {
            let date = Date(timeIntervalSince1970: Double(minute * 60))
            let parts = ExpressionPropertyTests.utcCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            guard model.matchesDay(year: parts.year!, month: parts.month!, day: parts.day!),
                model.matchesTime(hour: parts.hour!, minute: parts.minute!)
            else { return "engine fire \(date.formatted(.iso8601)) does not match the fields" }
        }
        return nil
    }

    static func format(_ minutes: [Int64]) -> String {
        "[" + minutes.map { Date(timeIntervalSince1970: Double($0 * 60)).formatted(.iso8601) }.joined(separator: ", ") + "]"
    }

    /// Random instants, a third of them at edges: leap days, month ends, year ends, whole minutes,
    /// fractions of a second, the last days of 2199 and the moment before 1970.
    static func randomInstant(_ random: inout SplitMix64) -> Date {
        let year = Int.random(in: 1971...2198, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let length = ExpressionModel.Calendar.daysIn(year: year, month: month)
        var parts = DateComponents(
            year: year, month: month, day: Int.random(in: 1...length, using: &random),
            hour: Int.random(in: 0...23, using: &random), minute: Int.random(in: 0...59, using: &random),
            second: Int.random(in: 0...59, using: &random))
        var fraction = 0.0
        switch Int.random(in: 0...14, using: &random) {
        case 0:  // a leap day, or the minute before one
            parts.year = [1972, 1996, 2000, 2024, 2028, 2096, 2104, 2196].randomElement(using: &random)!
            (parts.month, parts.day) = (2, Bool.random(using: &random) ? 29 : 28)
            (parts.hour, parts.minute) = (23, 59)
        case 1:  // the last minute of a month
            parts.day = length
            (parts.hour, parts.minute) = (23, 59)
        case 2:  // the last minute of a year
            (parts.month, parts.day, parts.hour, parts.minute) = (12, 31, 23, 59)
        case 3:  // exactly on a minute: the next fire must be strictly later
            parts.second = 0
        case 4:
            fraction = 0.5
        case 5:  // near the end of AWS's calendar
            (parts.year, parts.month) = (2199, 12)
        case 6:
            return Date(timeIntervalSince1970: -1)
        default:
            break
        }
        return ExpressionPropertyTests.utcCalendar.date(from: parts)!.addingTimeInterval(fraction)
    }
}
