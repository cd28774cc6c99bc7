import Foundation
import Testing
import TestSupport
@testable import Schedules

/// Feeds truncated and mutated versions of the repository's schedules.yaml to the loader: it must never
/// crash, and every file it refuses must come with at least one located error.
@Suite("schedules.yaml: mutated files")
struct ScheduleFileMutationTests {
    static let count = 500

    @Test func load_mutatedRepositoryFile_neverCrashesAndLocatesEveryError() throws {
        let original = try String(contentsOf: ScheduleFileFixtures.repositoryFile, encoding: .utf8)
        var random = SplitMix64(seed: 0x5C4E_D01E)
        var refused = 0
        var mutationsSeen: Set<String> = []
        for index in 0..<Self.count {
            var text = original
            var applied: [String] = []
            for _ in 0..<(1 + random.next(below: 3)) {
                let mutation = Mutation.allCases[random.next(below: Mutation.allCases.count)]
                text = mutation.apply(to: text, using: &random)
                applied.append(mutation.rawValue)
            }
            mutationsSeen.formUnion(applied)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            do {
                _ = try ScheduleFileLoader.load(text: text, path: "schedules.yaml")
            } catch {
                refused += 1
                let errors = error.errors
                #expect(!errors.isEmpty, "mutation \(index) (\(applied)) was refused without an error")
                for diagnostic in errors {
                    let located = diagnostic.line >= 1 && diagnostic.line <= lineCount + 1 && diagnostic.column >= 1
                    #expect(located, "mutation \(index) (\(applied)): \(diagnostic)")
                    #expect(diagnostic.description.hasPrefix("schedules.yaml:\(diagnostic.line):\(diagnostic.column): error: "))
                    #expect(!diagnostic.message.isEmpty && !diagnostic.message.contains("\n"))
                }
            }
        }
        // The generator must actually break files, or this test proves nothing.
        #expect(refused >= Self.count / 2, "only \(refused) of \(Self.count) mutated files were refused")
        #expect(mutationsSeen == Set(Mutation.allCases.map(\.rawValue)))
    }
}

enum Mutation: String, CaseIterable {
    case deleteLine, duplicateLine, swapLines, truncate, swapValues, insertCharacter, reindent, typoInKey, emptyValue

    private static let characters: [Character] = [":", "-", "[", "]", "{", "}", "\"", "'", "\t", "#", "&", "*", "!", "|", ">", "%", "@", "`", ",", "?", " ", "\n", "é", "\u{0}"]

    func apply(to text: String, using random: inout SplitMix64) -> String {
        var lines = text.components(separatedBy: "\n")
        guard !lines.isEmpty else { return text }
        let i = random.next(below: lines.count)
        let j = random.next(below: lines.count)
        switch self {
        case .deleteLine:
            lines.remove(at: i)
        case .duplicateLine:
            lines.insert(lines[i], at: j)
        case .swapLines:
            lines.swapAt(i, j)
        case .truncate:
            return String(text.prefix(random.next(below: text.count + 1)))
        case .swapValues:
            guard let left = lines[i].range(of: ": "), let right = lines[j].range(of: ": ") else { return text }
            let first = String(lines[i][left.upperBound...])
            let second = String(lines[j][right.upperBound...])
            lines[i] = String(lines[i][..<left.upperBound]) + second
            lines[j] = String(lines[j][..<right.upperBound]) + first
        case .insertCharacter:
            var characters = Array(text)
            characters.insert(Self.characters[random.next(below: Self.characters.count)], at: random.next(below: characters.count + 1))
            return String(characters)
        case .reindent:
            lines[i] = random.next(below: 2) == 0 ? String(lines[i].dropFirst(1 + random.next(below: 2)))
                : String(repeating: " ", count: 1 + random.next(below: 3)) + lines[i]
        case .typoInKey:
            guard let colon = lines[i].firstIndex(of: ":") else { return text }
            var key = Array(lines[i][..<colon])
            let letters = key.indices.filter { key[$0].isLetter }
            guard letters.count >= 2 else { return text }
            let position = letters[random.next(below: letters.count - 1)]
            guard let next = letters.firstIndex(of: position).map({ letters[$0 + 1] }) else { return text }
            key.swapAt(position, next)
            lines[i] = String(key) + lines[i][colon...]
        case .emptyValue:
            guard let separator = lines[i].range(of: ": ") else { return text }
            lines[i] = String(lines[i][..<separator.lowerBound]) + ":"
        }
        return lines.joined(separator: "\n")
    }
}
