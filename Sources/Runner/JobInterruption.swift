/// Thrown by `JobContext.checkpoint()`: the run winds down; committed work stays.
public enum JobInterruption: Error, Sendable, Equatable, CustomStringConvertible {
    case deadlineReached
    case stopped(signal: Int32)

    public var description: String {
        switch self {
        case .deadlineReached: "deadline reached"
        case .stopped(let signal): "stopped by \(signal == 2 ? "SIGINT" : signal == 15 ? "SIGTERM" : "signal \(signal)")"
        }
    }
}
