import ArgumentParser
import Foundation
import Grammar

/// The value of every time flag (`--from`, `--at`, `--scheduled-at`), in the one time grammar.
struct TimeFlag: ExpressibleByArgument, Sendable {
    let date: Date

    init?(argument: String) {
        guard let date = TimeGrammar.parse(argument) else { return nil }
        self.date = date
    }

    /// For `@Option(transform:)`: the error names what the grammar accepts.
    static func parse(_ text: String) throws -> TimeFlag {
        guard let flag = TimeFlag(argument: text) else {
            throw ValidationError("not a time like \(TimeGrammar.examples)")
        }
        return flag
    }
}
