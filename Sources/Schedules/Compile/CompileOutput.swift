import Foundation

/// One file of the compiled output, with a path relative to `--out`.
public struct CompiledFile: Sendable, Equatable {
    public var path: String
    public var contents: String
    public var isExecutable: Bool

    public init(path: String, contents: String, isExecutable: Bool = false) {
        self.path = path
        self.contents = contents
        self.isExecutable = isExecutable
    }

    static func json(_ path: String, _ value: JSONValue) -> CompiledFile {
        CompiledFile(path: path, contents: value.prettyPrinted)
    }
}

/// What `ScheduleCompiler.compile` produced: the files in a stable order and anything worth a warning.
public struct CompileOutput: Sendable {
    public var plan: DeploymentPlan
    public var files: [CompiledFile]
    public var warnings: [CompileDiagnostic]

    /// Writes every file under `directory` (created if needed); existing files of the same name are replaced.
    public func write(to directory: URL) throws(CompileError) {
        let manager = FileManager.default
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url, options: .atomic)
                try manager.setAttributes([.posixPermissions: file.isExecutable ? 0o755 : 0o644], ofItemAtPath: url.path)
            } catch {
                throw CompileError(.cannotWrite, message: "cannot write \(url.path): \(error.localizedDescription)")
            }
        }
    }
}
