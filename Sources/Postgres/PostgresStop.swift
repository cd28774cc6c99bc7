/// How a run's stop reaches its connection. Connecting, and statements inside `cancellableOnStop`, end at the first
/// stop request; every statement ends at a forced stop, as it does when its task is cancelled.
public struct PostgresStop: Sendable {
    public var isRequested: @Sendable () -> Bool
    public var isForced: @Sendable () -> Bool

    public init(isRequested: @escaping @Sendable () -> Bool, isForced: @escaping @Sendable () -> Bool) {
        self.isRequested = isRequested
        self.isForced = isForced
    }

    /// Nothing stops this connection but its task's cancellation.
    public static let never = PostgresStop(isRequested: { false }, isForced: { false })
}
