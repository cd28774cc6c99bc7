/// A payout's state at the payout provider.
public enum PayoutStatus: String, Sendable, Codable, CaseIterable {
    case requested, paid, failed
}

/// `POST /v1/payouts` body.
public struct PayoutRequest: Sendable, Equatable, Codable {
    /// Our payout id; the provider echoes nothing of it but keeps it for reconciliation.
    public var payoutID: String
    public var sellerID: String
    public var amountMinor: Int64
    public var currency: String

    public init(payoutID: String, sellerID: String, amountMinor: Int64, currency: String) {
        self.payoutID = payoutID
        self.sellerID = sellerID
        self.amountMinor = amountMinor
        self.currency = currency
    }

    enum CodingKeys: String, CodingKey {
        case payoutID = "payout_id"
        case sellerID = "seller_id"
        case amountMinor = "amount_minor"
        case currency
    }
}

/// `POST /v1/payouts` and `GET /v1/payouts/{id}` answer.
public struct ProviderPayout: Sendable, Equatable, Codable {
    /// The provider's id, `po_…`.
    public var id: String
    public var status: PayoutStatus
    public var failureReason: String?

    public init(id: String, status: PayoutStatus, failureReason: String? = nil) {
        self.id = id
        self.status = status
        self.failureReason = failureReason
    }

    enum CodingKeys: String, CodingKey {
        case id, status
        case failureReason = "failure_reason"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(failureReason, forKey: .failureReason)  // explicit null, as the contract shows
    }
}
