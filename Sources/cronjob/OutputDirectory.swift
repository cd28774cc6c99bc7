import ArgumentParser
import Foundation

/// Checks a directory flag before anything is written: not empty, and either missing (it will be created)
/// or a directory; a regular file, FIFO or device is refused rather than written into or waited on.
enum OutputDirectory {
    static func validate(_ path: String, flag: String) throws {
        guard !path.isEmpty else { throw ValidationError("\(flag) must name a directory, not be empty") }
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if (status.st_mode & S_IFMT) == S_IFLNK, stat(path, &status) != 0 { return }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw ValidationError("\(flag) '\(path)' exists and is not a directory")
        }
    }
}
