import Foundation

/// Writes lines to a file descriptor with as few system calls as it can: the lines joined, each ending in a newline.
enum DescriptorWriter {
    static func write(_ lines: [String], to descriptor: Int32) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            bytes.append(contentsOf: line.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if errno == EINTR {
                    continue
                } else if errno == EAGAIN || errno == EWOULDBLOCK {
                    // A non-blocking descriptor that is full: wait for room rather than drop lines.
                    var descriptor = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&descriptor, 1, 1000)
                } else {
                    return  // closed or broken: nobody can read these lines any more
                }
            }
        }
    }
}
