import Foundation

/// A payment's state at the payment provider.
public enum PaymentStatus: String, Sendable, Codable, CaseIterable {
    case pending, approved, rejected, cancelled
}

/// `GET /v1/payments/{id}` answer.
public struct ProviderPayment: Sendable, Equatable, Codable {
    public var id: String
    public var status: PaymentStatus
    public var amountMinor: Int64
    public var currency: String
    public var updatedAt: Date

    public init(id: String, status: PaymentStatus, amountMinor: Int64, currency: String, updatedAt: Date) {
        self.id = id
        self.status = status
        self.amountMinor = amountMinor
        self.currency = currency
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, status, currency
        case amountMinor = "amount_minor"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(amountMinor, forKey: .amountMinor)
        try container.encode(currency, forKey: .currency)
        try container.encode(updatedAt.formatted(.iso8601), forKey: .updatedAt)
    }
}
