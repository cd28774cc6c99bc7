/// Whether outbound calls go to the providers.
public enum HTTPClientMode: String, Sendable, Codable {
    /// Every request is sent.
    case live
    /// `--dry-run`: requests that change something are recorded and answered by the caller's simulated
    /// response; GETs are sent (and recorded).
    case dryRun = "dry-run"
    /// `--dry-run --offline`: nothing is sent; every request is recorded and simulated.
    case offline

    /// Whether a request with `method` is answered by the simulation instead of the provider.
    public func simulates(_ method: HTTPMethod) -> Bool {
        switch self {
        case .live: false
        case .dryRun: method.changesState
        case .offline: true
        }
    }

    /// Whether calls are kept for the dry-run plan.
    public var records: Bool { self != .live }
}
