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

    @Test func load_windowsLineEndingsAndByteOrderMark_keepPositions() {
        let crlf = ScheduleFileFixtures.valid.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(ScheduleFileFixtures.errors(crlf).isEmpty)
        #expect(ScheduleFileFixtures.errors("\u{FEFF}" + ScheduleFileFixtures.valid).isEmpty)
        let broken = crlf.replacingOccurrences(of: "    region: sa-east-1", with: "    region: sa-east")
        #expect(ScheduleFileFixtures.errors(broken)
            == ["schedules.yaml:8:13: error: environments.staging.region: 'sa-east' is not an AWS region (like us-east-1)"])
        let duplicated = crlf.replacingOccurrences(of: "    timeout: 4m\r\n  check", with: "    timeout: 4m\r\n    timeout: 5m\r\n  check")
        #expect(ScheduleFileFixtures.errors(duplicated)
            == ["schedules.yaml:26:5: error: jobs.sync-payments: duplicate key 'timeout' (first defined at line 25)"])
    }

    @Test func load_controlCharacter_isLocated() {
        #expect(ScheduleFileFixtures.errors("jobs:\n  a: \u{01}\n")
            == ["schedules.yaml:2:6: error: invalid YAML: control characters are not allowed"])
    }
}
