import Foundation

/// Latency in milliseconds: `100` (fixed) or `[50, 150]` (uniform in the range).
struct LatencyRange: Sendable, Equatable, Codable {
    var min: Int
    var max: Int

    init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }

    /// `100` or `50-150`, as the --latency flag takes it.
    init?(flag: String) {
        let parts = flag.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1: guard let value = parts[0] else { return nil }; self.init(min: value, max: value)
        case 2: guard let low = parts[0], let high = parts[1] else { return nil }; self.init(min: low, max: high)
        default: return nil
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let fixed = try? container.decode(Int.self) {
            self.init(min: fixed, max: fixed)
        } else {
            let pair = try container.decode([Int].self)
            guard pair.count == 2 else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "latency_ms is a number or [min, max]")
            }
            self.init(min: pair[0], max: pair[1])
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if min == max { try container.encode(min) } else { try container.encode([min, max]) }
    }
}

/// A payment's configured answer: `"approved"` or `{"status":"approved","amount_minor":1500,"currency":"USD"}`.
struct PaymentSetting: Sendable, Equatable, Codable {
    var status: PaymentRule
    var amountMinor: Int64?
    var currency: String?

    enum CodingKeys: String, CodingKey { case status, amountMinor = "amount_minor", currency }

    init(status: PaymentRule, amountMinor: Int64? = nil, currency: String? = nil) {
        self.status = status
        self.amountMinor = amountMinor
        self.currency = currency
    }

    init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let status = try? single.decode(PaymentRule.self) {
            self.init(status: status)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            status: try container.decode(PaymentRule.self, forKey: .status),
            amountMinor: try container.decodeIfPresent(Int64.self, forKey: .amountMinor),
            currency: try container.decodeIfPresent(String.self, forKey: .currency))
    }

    func encode(to encoder: any Encoder) throws {
        if amountMinor == nil && currency == nil {
            var single = encoder.singleValueContainer()
            try single.encode(status)
        } else {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encodeIfPresent(amountMinor, forKey: .amountMinor)
            try container.encodeIfPresent(currency, forKey: .currency)
        }
    }
}
