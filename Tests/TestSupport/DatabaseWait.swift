import Foundation
import Postgres

/// Waits for the database to reach a state another session is bringing about (a statement running, a lock held).
public enum DatabaseWait {
    public struct TimedOut: Error, CustomStringConvertible {
        public let description: String
    }

    /// Polls `sql` (one integer) every 20 ms until it returns `expected`; throws after `timeout`.
    public static func until(
        _ connection: PostgresConnection, _ sql: String, equals expected: Int, timeout: Duration = .seconds(10)
    ) async throws {
        let giveUp = ContinuousClock.now.advanced(by: timeout)
        while true {
            let value = try connection.queryFirst(PostgresQuery(unsafeSQL: sql))?.decode(0, as: Int.self)
            if value == expected { return }
            guard ContinuousClock.now < giveUp else { throw TimedOut(description: "\(sql) stayed \(value.map(String.init) ?? "NULL"), not \(expected)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
