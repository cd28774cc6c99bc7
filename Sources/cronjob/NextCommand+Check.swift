import ArgumentParser
import Foundation
import Runner
import Schedules

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `cronjob next --check EXPR` and `cronjob next --check -` (one expression per line on stdin): validates
/// instead of listing, one answer line per expression, in input order:
///
///     ok<TAB>EXPR<TAB>NEXT-FIRE-TIME|never<TAB>MEANING
///     error<TAB>EXPR<TAB>MESSAGE
///
/// Exit 0 when every expression is valid, 78 when any is not (like `schedules --check`), 64 for bad flags.
extension NextCommand {
    /// The exit status when at least one checked expression is invalid (configuration error).
    static let invalidExpressionStatus: Int32 = 78

    func runCheck() throws {
        let start = try startInstant()
        var checker = ExpressionChecker(after: start)
        if expression != "-" {
            checker.check(line: Array(expression.utf8)[...])
        } else {
            try Self.readLines(fromDescriptor: STDIN_FILENO) { checker.check(line: $0) } afterChunk: { checker.flush() }
        }
        checker.flush()
        if checker.invalid > 0 { throw ExitCode(Self.invalidExpressionStatus) }
    }

    /// Calls `line` for every `\n`-terminated line (a final line without one included, a trailing `\r` removed),
    /// and `afterChunk` after each read, so that answers stream out as input arrives.
    private static func readLines(
        fromDescriptor descriptor: Int32, _ line: (ArraySlice<UInt8>) -> Void, afterChunk: () -> Void
    ) throws {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot read the expressions from stdin: \(String(cString: strerror(errno)))", exitCode: 64)
            }
            if count == 0 { break }
            pending.append(contentsOf: buffer[..<count])
            var lineStart = pending.startIndex
            while let newline = pending[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                line(withoutCarriageReturn(pending[lineStart..<newline]))
                lineStart = newline + 1
            }
            pending.removeSubrange(..<lineStart)
            afterChunk()
        }
        if !pending.isEmpty { line(withoutCarriageReturn(pending[...])) }
    }

    private static func withoutCarriageReturn(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }
}

/// Checks expressions one by one and collects the answer lines, written out in chunks.
private struct ExpressionChecker {
    let after: Date
    private(set) var invalid = 0
    private var output = ""

    init(after: Date) {
        self.after = after
    }

    mutating func check(line bytes: ArraySlice<UInt8>) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            answer(["error", String(decoding: bytes, as: UTF8.self), "the line is not valid UTF-8 text"])
            return
        }
        do {
            let schedule = try ScheduleExpression(parsing: text)
            let next = schedule.nextFireTime(after: after).map(ScheduleListing.timestamp) ?? "never"
            answer(["ok", text, next, schedule.meaning])
        } catch {
            answer(["error", text, error.message])
        }
        if output.utf8.count >= 64 * 1024 { flush() }
    }

    mutating func flush() {
        guard !output.isEmpty else { return }
        FileHandle.standardOutput.write(Data(output.utf8))
        output = ""
    }

    private mutating func answer(_ fields: [String]) {
        if fields[0] == "error" { invalid += 1 }
        output += fields.map(Self.printable).joined(separator: "\t")
        output += "\n"
    }

    /// One line of tab-separated fields whatever the input held.
    static func printable(_ text: String) -> String { TerminalText.escaped(text) }
}
