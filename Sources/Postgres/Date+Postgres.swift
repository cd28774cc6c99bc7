import Foundation

/// Dates travel as `timestamptz` in UTC ISO text; exact to the microsecond within a few centuries of 2001
/// (a `Date` is a Double of seconds, so far dates keep fewer fractional digits).
extension Date: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .timestamptz }

    public var postgresText: String {
        let micros = (timeIntervalSinceReferenceDate * 1_000_000).rounded()
        if micros.isNaN { return "NaN" }  // rejected by the server rather than stored as something else
        guard micros < 9.2e18 else { return "infinity" }
        guard micros > -9.2e18 else { return "-infinity" }
        return PostgresDateText.format(microsSinceReference: Int64(micros))
    }

    /// Decodes `timestamptz`, `timestamp` (taken as UTC) and `date` (midnight UTC); `infinity` maps to `distantFuture`.
    public init(postgresText: String, type: PostgresType) throws {
        switch PostgresDateText.parse(postgresText) {
        case .micros(let micros): self = Date(timeIntervalSinceReferenceDate: Double(micros) / 1_000_000)
        case .infinity: self = .distantFuture
        case .negativeInfinity: self = .distantPast
        case nil: throw PostgresError.decoding("not a valid ISO date or timestamp")
        }
    }
}
