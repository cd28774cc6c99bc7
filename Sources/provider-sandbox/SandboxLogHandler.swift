import Foundation
import Logging

/// Warnings and errors to stderr; metadata is dropped so the per-request request-id costs nothing.
struct SandboxLogHandler: LogHandler {
    var logLevel: Logger.Level = .warning
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    subscript(metadataKey _: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        FileHandle.standardError.write(Data("provider-sandbox: \(event.level): \(event.message)\n".utf8))
    }
}
