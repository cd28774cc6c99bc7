/// SplitMix64: a small, fast, well-mixed generator whose output depends only on its seed, on every
/// platform and toolchain (the standard library's `random(in:using:)` algorithms may change between
/// releases, so the helpers here do their own range reduction).
struct SeedRandom {
    private var state: UInt64

    init(state: UInt64) { self.state = state }

    /// An independent stream for one entity: the same (seed, stream, index) always yields the same values,
    /// so each table can be generated on its own, in any order, without holding the others in memory.
    init(seed: UInt64, stream: SeedStream, index: Int) {
        let streamKey = Self.mix((UInt64(stream.rawValue) &* 0x9E37_79B9_7F4A_7C15) ^ seed)
        state = Self.mix(streamKey ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
    }

    /// The SplitMix64 finalizer. A bijection on UInt64, so distinct inputs give distinct outputs.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in `range` (multiply-shift reduction; the bias is below 2⁻³² for the ranges used here).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        let high = next().multipliedFullWidth(by: span).high
        return range.lowerBound + Int(high)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(in: 0...(items.count - 1))] }

    /// Picks the first case whose cumulative weight exceeds a uniform draw.
    mutating func weighted<T>(_ choices: [(T, Double)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var draw = unit() * total
        for (value, weight) in choices {
            if draw < weight { return value }
            draw -= weight
        }
        return choices[choices.count - 1].0
    }

    /// 16 lowercase hex digits, for provider ids and file keys.
    mutating func hex() -> String {
        let text = String(next(), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

/// One independent random stream per kind of entity.
enum SeedStream: UInt8 {
    case user = 1, event, listing, bulkPayment, bulkUpload, bulkPayout, bulkNotification, notification
}
