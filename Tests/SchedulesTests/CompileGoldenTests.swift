import CompileFixtures
import Foundation
import Schedules
import Testing

/// Byte-for-byte comparison of every format, target and environment with Tests/SchedulesTests/Golden.
/// Regenerate after an intended change with `CRONJOB_UPDATE_GOLDEN=1 swift test --filter CompileGolden`
/// and review the diff before committing.
@Suite struct CompileGoldenTests {
    static let cases: [(CompileFormat, CompileTarget, String)] = CompileFormat.allCases.flatMap { format in
        CompileTarget.allCases.flatMap { target in ["staging", "production"].map { (format, target, $0) } }
    }

    @Test(arguments: cases)
    func compile_matchesGoldenFiles(format: CompileFormat, target: CompileTarget, environment: String) throws {
        let output = try ScheduleCompiler.compile(
            ScheduleFixtures.file(), environment: environment, format: format, target: target)
        let directory = "\(format.rawValue)-\(target.rawValue)/\(environment)"
        if ProcessInfo.processInfo.environment["CRONJOB_UPDATE_GOLDEN"] == "1" {
            try GoldenFiles.replace(directory, with: output.files)
        }
        let golden = try GoldenFiles.read(directory)
        #expect(golden.keys.sorted() == output.files.map(\.path).sorted(), "files in \(directory)")
        for file in output.files {
            let expected = golden[file.path]
            #expect(expected == file.contents, "\(directory)/\(file.path) differs from its golden file")
        }
    }
}

/// Golden files: read from the test bundle, written to the source tree (found from this file's path).
enum GoldenFiles {
    static func read(_ directory: String) throws -> [String: String] {
        let root = try #require(Bundle.module.resourceURL?.appendingPathComponent("Golden/\(directory)"))
        return try contents(of: root)
    }

    static func replace(_ directory: String, with files: [CompiledFile]) throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/\(directory)")
        try? FileManager.default.removeItem(at: source)
        for file in files {
            let url = source.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        // The bundle holds the copy from the last build: refresh it so this run compares what was written.
        let bundled = try #require(Bundle.module.resourceURL?.appendingPathComponent("Golden/\(directory)"))
        try? FileManager.default.removeItem(at: bundled)
        try FileManager.default.createDirectory(at: bundled.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: bundled)
    }

    static func contents(of root: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }
}
