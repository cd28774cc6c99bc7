import Foundation
import Testing
@testable import Schedules

@Suite("schedules.yaml: reading the file")
struct ScheduleFileSourceTests {
    private func scratchFile(_ name: String, _ data: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schedules-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    private func errors(path: String) -> [String] {
        do {
            _ = try ScheduleFileLoader.load(path: path)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func load_missingFile_namesThePathAndTheReason() {
        #expect(errors(path: "/nonexistent/schedules.yaml")
            == ["/nonexistent/schedules.yaml: error: cannot open the schedule file: No such file or directory"])
    }

    @Test func load_directory_isRefused() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(errors(path: path) == ["\(path): error: the path is a directory, not a schedule file"])
    }

    @Test func load_invalidUTF8_isLocated() throws {
        let path = try scratchFile("latin1.yaml", Data("jobs:\n  a:\n    description: caf".utf8) + Data([0xE9, 0x0A]))
        #expect(errors(path: path) == ["\(path):3:21: error: the file is not valid UTF-8 text"])
    }

    @Test func load_hugeFile_isRefusedBeforeParsing() throws {
        let path = try scratchFile("huge.yaml", Data(repeating: UInt8(ascii: "#"), count: ScheduleFileLoader.maximumFileSize + 1))
        #expect(errors(path: path) == ["\(path): error: the file is larger than 1024 KiB; a schedule file is a few kilobytes"])
    }

    @Test func load_fromPath_usesThePathInMessages() throws {
        let path = try scratchFile("schedules.yaml", Data(ScheduleFileFixtures.valid.replacingLine(2, with: "  cpu: 1").utf8))
        #expect(errors(path: path).first?.hasPrefix("\(path):2:8: error: defaults.cpu: 1 is not a Fargate CPU size") == true)
    }

    @Test(arguments: [999, 5_000])
    func load_deeplyNestedInput_failsWithoutCrashing(depth: Int) {
        let yaml = "jobs: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let errors = ScheduleFileFixtures.errors(yaml)
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.hasPrefix("schedules.yaml:1:") })
    }

    @Test func load_controlCharacter_isLocated() {
        #expect(ScheduleFileFixtures.errors("jobs:\n  a: \u{01}\n")
            == ["schedules.yaml:2:6: error: invalid YAML: control characters are not allowed"])
    }
}
