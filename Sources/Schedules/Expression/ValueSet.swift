/// A set of small non-negative integers (0-255) as a 256-bit mask: the compiled form of a cron field.
struct ValueSet: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    init<S: Sequence>(_ values: S) where S.Element == Int {
        for value in values { insert(value) }
    }

    private func word(_ index: Int) -> UInt64 {
        switch index {
        case 0: words.0
        case 1: words.1
        case 2: words.2
        default: words.3
        }
    }

    private mutating func setWord(_ index: Int, _ value: UInt64) {
        switch index {
        case 0: words.0 = value
        case 1: words.1 = value
        case 2: words.2 = value
        default: words.3 = value
        }
    }

    mutating func insert(_ value: Int) {
        guard (0..<256).contains(value) else { return }
        setWord(value >> 6, word(value >> 6) | (1 << UInt64(value & 63)))
    }

    func contains(_ value: Int) -> Bool {
        guard (0..<256).contains(value) else { return false }
        return word(value >> 6) & (1 << UInt64(value & 63)) != 0
    }

    /// The smallest member that is >= `value`, if any.
    func next(atOrAfter value: Int) -> Int? {
        var index = max(value, 0)
        while index < 256 {
            let shifted = word(index >> 6) >> UInt64(index & 63)
            if shifted != 0 { return index + shifted.trailingZeroBitCount }
            index = (index | 63) + 1
        }
        return nil
    }

    var first: Int? { next(atOrAfter: 0) }

    /// Members 0-63 as a bit mask (bit n = member n).
    var lowBits: UInt64 { words.0 }

    var isEmpty: Bool { first == nil }

    var count: Int {
        word(0).nonzeroBitCount + word(1).nonzeroBitCount + word(2).nonzeroBitCount + word(3).nonzeroBitCount
    }

    /// Members in ascending order.
    var values: [Int] {
        var result: [Int] = []
        var cursor = next(atOrAfter: 0)
        while let value = cursor {
            result.append(value)
            cursor = next(atOrAfter: value + 1)
        }
        return result
    }

    static func == (lhs: ValueSet, rhs: ValueSet) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1
            && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
