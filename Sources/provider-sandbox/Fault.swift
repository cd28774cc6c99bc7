/// What the sandbox does to one provider request instead of (or on top of) answering it normally.
enum Fault: Sendable, Equatable {
    /// Answer this status with a JSON error body.
    case status(Int)
    /// 429 with Retry-After.
    case throttle
    /// Answer 503 (down) or close the connection without a word.
    case down(DownMode)
    /// Answer 200 with a malformed body, after processing.
    case malformed(MalformedMode)
}

/// The decision for one request, made in the same critical section that counts it.
struct Admission: Sendable {
    var latency: Duration?
    var fault: Fault?
    /// Injected errors on POSTs come after the change was applied.
    var faultAfterProcessing = false
    var settings: SandboxSettings
}

/// SplitMix64: a tiny, fast generator for fault rates, seedable for reproducible runs.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `rate`.
    mutating func chance(_ rate: Double) -> Bool {
        rate > 0 && Double(next() >> 11) * 0x1p-53 < rate
    }
}
