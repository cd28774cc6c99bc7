import Foundation

/// `poll(2)` on one libpq socket for at most a few milliseconds, so that the caller can look at its stop in between.
enum SocketWait {
    /// True when the socket is ready (or in error: libpq then reports what happened); false on timeout or EINTR.
    static func ready(_ socket: Int32, forWriting: Bool = false, milliseconds: Int32 = 50) -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(forWriting ? POLLOUT : POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        return ready > 0 || (ready < 0 && errno != EINTR)
    }
}
