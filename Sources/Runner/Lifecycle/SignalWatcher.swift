import Foundation
import UnixSignals

/// Turns SIGTERM/SIGINT into the stop flag: the first signal asks the job to drain;
/// a second one forces the stop: the runner stops waiting for the job and returns (committed work stays; the server
/// rolls back the open transaction when the process exits).
public enum SignalWatcher {
    /// Starts watching; cancel the returned task when the run is over.
    public static func start(stop: StopFlag, onFirst: @escaping @Sendable (Int32) -> Void) -> Task<Void, Never> {
        Task {
            let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
            for await signal in signals {
                let number: Int32 = signal == .sigint ? SIGINT : SIGTERM
                if stop.raise(number) {
                    onFirst(number)
                } else {
                    stop.force()
                }
            }
        }
    }
}
