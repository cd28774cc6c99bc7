import Synchronization
import CLibPQ
import Foundation

/// One libpq connection. Blocking calls, to be made from a `DatabaseThread` rather than the cooperative pool; one
/// caller at a time (a recursive lock serialises callers, so a `transaction` body can call back into the connection).
/// A statement waits for its result polling the socket, so that `stop` and its task's cancellation end it at once
/// (see `cancellableOnStop`). `cancelCurrentQuery()` may be called from any thread.
public final class PostgresConnection: @unchecked Sendable {
    /// Guards `connection`, `depth`, `stopScopeDepth`; held for the whole of each call (and of a transaction).
    let lock = NSRecursiveLock()
    /// Guards `cancelHandle` separately, so cancelling never waits for the running query.
    private let cancelLock = NSLock()
    private var connection: OpaquePointer?
    private var cancelHandle: OpaquePointer?
    private let noticeSink: NoticeSink
    let secrets: [String]
    let stop: PostgresStop
    var depth = 0
    /// How many `cancellableOnStop` calls are open.
    var stopScopeDepth = 0

    init(connection: OpaquePointer, secrets: [String], stop: PostgresStop) {
        self.connection = connection
        self.secrets = secrets
        self.stop = stop
        self.cancelHandle = PQgetCancel(connection)
        self.noticeSink = NoticeSink()
        PQsetNoticeReceiver(connection, noticeReceiver, Unmanaged.passUnretained(noticeSink).toOpaque())
    }

    deinit { close() }

    /// NOTICE/WARNING messages from the server; without a handler they are dropped (libpq would print to stderr).
    public var onNotice: (@Sendable (PostgresNotice) -> Void)? {
        get { noticeSink.handler.withLock { $0 } }
        set { noticeSink.handler.withLock { $0 = newValue } }
    }

    /// Whether libpq still considers the connection usable (false after close or a lost connection).
    public var isHealthy: Bool {
        lock.withLock { connection.map { PQstatus($0) == CONNECTION_OK } ?? false }
    }

    /// The server version as an integer, e.g. 150004 for 15.4; 0 when closed.
    public var serverVersion: Int {
        lock.withLock { connection.map { Int(PQserverVersion($0)) } ?? 0 }
    }

    /// How many `transaction` calls are open on this connection (0 outside any).
    public var transactionDepth: Int { lock.withLock { depth } }

    /// Closes the connection; safe to call more than once. Waits for a running call to finish.
    public func close() {
        lock.withLock {
            cancelLock.withLock {
                if let cancelHandle { PQfreeCancel(cancelHandle) }
                cancelHandle = nil
            }
            if let connection { PQfinish(connection) }
            connection = nil
        }
    }

    /// Asks the server to cancel the statement running now (57014 query_canceled). Thread-safe.
    /// A cancel that arrives after the statement finished is ignored by the server or may hit the next one.
    public func cancelCurrentQuery() {
        cancelLock.withLock {
            guard let cancelHandle else { return }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
        }
    }

    /// Runs `body` with the open libpq connection, holding the lock.
    func withConnection<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try lock.withLock {
            guard let connection else { throw PostgresError.connectionClosed }
            return try body(connection)
        }
    }
}

/// Holds the notice handler where the C callback can reach it without retaining the connection.
final class NoticeSink: Sendable {
    let handler = Mutex<(@Sendable (PostgresNotice) -> Void)?>(nil)
}

private func noticeReceiver(context: UnsafeMutableRawPointer?, result: OpaquePointer?) {
    guard let context, let result else { return }
    let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
    guard let handler = sink.handler.withLock({ $0 }) else { return }
    let notice = PostgresNotice(
        severity: LibPQ.field(result, LibPQ.fieldSeverity) ?? "NOTICE",
        sqlState: LibPQ.field(result, LibPQ.fieldSQLState).map(SQLState.init(rawValue:)),
        message: LibPQ.field(result, LibPQ.fieldPrimaryMessage) ?? ""
    )
    handler(notice)
}
