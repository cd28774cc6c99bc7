import Foundation

/// What scripts/test.sh hands the tests. A missing variable is a failure, never a skip:
/// run the tests through `bash scripts/test.sh`.
public enum TestEnvironment {
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public var description: String { "\(variable) is not set: run the tests with `bash scripts/test.sh`" }
    }

    public static func require(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    /// Directory holding the built `cronjob` and `provider-sandbox` executables.
    public static func binDirectory() throws -> URL { URL(fileURLWithPath: try require("CRONJOB_TEST_BIN_DIR")) }

    /// A scratch directory that scripts/test.sh removes at the end.
    public static func workDirectory() throws -> URL { URL(fileURLWithPath: try require("CRONJOB_TEST_WORK_DIR")) }
}
