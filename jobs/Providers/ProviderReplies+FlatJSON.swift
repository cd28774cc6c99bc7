import Grammar
import HTTP

// The providers' answers read without Foundation's coders; a member of another shape falls back to `Decodable`.

extension MessageReceipt: FlatJSONDecodable {
    public init?(flatJSON object: FlatJSONObject) {
        guard let id = object.string("id"), let status = object.string("status").flatMap(MessageStatus.init(rawValue:)) else { return nil }
        self.init(id: id, status: status)
    }
}

extension ProviderPayment: FlatJSONDecodable {
    public init?(flatJSON object: FlatJSONObject) {
        guard let id = object.string("id"), let status = object.string("status").flatMap(PaymentStatus.init(rawValue:)),
            case .number(let amount)? = object.value("amount_minor"), let amountMinor = Int64(amount),
            let currency = object.string("currency"), let updatedAt = object.string("updated_at").flatMap(ProviderJSON.date(from:))
        else { return nil }
        self.init(id: id, status: status, amountMinor: amountMinor, currency: currency, updatedAt: updatedAt)
    }
}

extension ProviderPayout: FlatJSONDecodable {
    public init?(flatJSON object: FlatJSONObject) {
        guard let id = object.string("id"), let status = object.string("status").flatMap(PayoutStatus.init(rawValue:)) else { return nil }
        let failureReason: String?
        switch object.value("failure_reason") {
        case nil, .null?: failureReason = nil
        case .string(let reason)?: failureReason = reason
        default: return nil
        }
        self.init(id: id, status: status, failureReason: failureReason)
    }
}
