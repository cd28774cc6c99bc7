import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the schedule file as UTF-8 text, turning every way that can fail into one diagnostic.
enum SourceText {
    static func read(path: String, limit: Int) throws(ScheduleFileError) -> String {
        func failure(_ message: String, line: Int = 0, column: Int = 0) -> ScheduleFileError {
            ScheduleFileError(diagnostics: [
                ScheduleDiagnostic(file: path, line: line, column: column, severity: .error, message: message)
            ])
        }
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever; regular files ignore it.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure("cannot open the schedule file: \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("cannot read the schedule file: \(String(cString: strerror(errno)))") }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw failure("the path is a directory, not a schedule file") }
        if (status.st_mode & S_IFMT) != S_IFREG { throw failure("the path is not a regular file (a FIFO, socket or device)") }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw failure("cannot read the schedule file: \(String(cString: strerror(errno)))")
        }
        guard data.count <= limit else { throw failure("the file is larger than \(limit / 1024) KiB; a schedule file is a few kilobytes") }
        switch decodeUTF8(data) {
        case .success(let text): return text
        case .failure(let position): throw failure("the file is not valid UTF-8 text", line: position.line, column: position.column)
        }
    }

    struct InvalidPosition: Error {
        var line: Int
        var column: Int
    }

    /// Decodes UTF-8 strictly; on failure returns the line and column (in Unicode scalars) of the first bad byte.
    static func decodeUTF8(_ data: Data) -> Result<String, InvalidPosition> {
        if let text = String(validating: data, as: UTF8.self) { return .success(text) }
        var line = 1
        var column = 1
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                return .failure(InvalidPosition(line: line, column: column))
            case .emptyInput:
                return .failure(InvalidPosition(line: line, column: column))
            }
        }
    }
}
