import Foundation

/// Measures whether the threads of Swift's cooperative pool are free: `width` tasks that each block their thread for
/// `hold` take about `hold` together when every thread is free, and a multiple of it (or until the blocking work
/// ends) when some are held by something else.
public enum CooperativePool {
    public static let width = ProcessInfo.processInfo.activeProcessorCount

    public static func parallelHold(_ hold: Duration = .milliseconds(300), width: Int = width) async -> Duration {
        let started = ContinuousClock.now
        let microseconds = useconds_t(hold.components.seconds * 1_000_000 + hold.components.attoseconds / 1_000_000_000_000)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<width {
                group.addTask(executorPreference: globalConcurrentExecutor) { usleep(microseconds) }
            }
        }
        return started.duration(to: .now)
    }
}
