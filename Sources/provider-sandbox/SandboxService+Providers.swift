import Foundation
import Grammar
import NIOCore

extension SandboxService {
    func payment(id: Substring, settings: SandboxSettings) -> Answer {
        let configured = settings.payments[String(id)]
        let hash = Self.fnv1a(id)
        let status: PaymentRule
        switch configured?.status ?? settings.paymentDefault {
        case .hash:
            // 70% approved, 15% pending, 10% rejected, 5% cancelled, stable per id.
            switch hash % 100 {
            case ..<70: status = .approved
            case ..<85: status = .pending
            case ..<95: status = .rejected
            default: status = .cancelled
            }
        case let rule: status = rule
        }
        let amount = configured?.amountMinor ?? Int64(1000 + (hash >> 8) % 99_000)
        let currency = configured?.currency ?? "USD"
        return .json(
            #"{"id":\#(JSONStringLiteral.quoted(id)),"status":"\#(status.rawValue)","amount_minor":\#(amount),"currency":\#(JSONStringLiteral.quoted(currency)),"updated_at":"\#(Timestamps.iso8601())"}"#)
    }

    func createPayout(_ body: ByteBuffer?, key: String?, settings: SandboxSettings) -> Answer {
        guard let key, !key.isEmpty else {
            return .error(400, code: "idempotency_key_required", message: "POST /v1/payouts needs an Idempotency-Key header")
        }
        guard let body = Self.decode(body, as: PayoutBody.self) else {
            return .error(400, code: "invalid_request", message: "expected {payout_id, seller_id, amount_minor, currency}")
        }
        if let problem = body.problem { return .error(422, code: "invalid_request", message: problem) }
        if let forced = settings.forceStatus[body.payoutID] { return Self.injected(forced) }
        switch state.createPayout(key: key, payoutID: body.payoutID, fingerprint: body.fingerprint) {
        case .created(let entry): return Self.payoutAnswer(entry)
        case .replayed(let entry):
            var answer = Self.payoutAnswer(entry)
            answer.extraHeaders.append((name: "Idempotent-Replayed", value: "true"))
            return answer
        case .keyReused:
            return .error(422, code: "idempotency_key_reused", message: "this Idempotency-Key was used with a different body")
        }
    }

    func payout(id: Substring) -> Answer {
        guard let entry = state.pollPayout(id: String(id)) else {
            return .error(404, code: "not_found", message: "no such payout")
        }
        return Self.payoutAnswer(entry)
    }

    func message(_ body: ByteBuffer?, key: String?, prefix: String) -> Answer {
        guard let key, !key.isEmpty else {
            return .error(400, code: "idempotency_key_required", message: "sending needs an Idempotency-Key header")
        }
        let fields = body.flatMap { buffer in
            buffer.withUnsafeReadableBytes { MessageBodyScan.nonEmptyStrings(in: $0, wanted: ["to", "template"]) }
        }
        guard let fields else {
            return .error(400, code: "invalid_request", message: "expected a JSON object {to, template, data}")
        }
        if fields.count < 2 {
            return .error(422, code: "invalid_request", message: "to and template must be non-empty strings")
        }
        let (id, replayed) = state.message(key: key, prefix: prefix)
        var answer = Answer.json(#"{"id":"\#(id)","status":"accepted"}"#)
        if replayed { answer.extraHeaders.append((name: "Idempotent-Replayed", value: "true")) }
        return answer
    }

    static func payoutAnswer(_ entry: PayoutLedger.Entry) -> Answer {
        let reason = entry.failureReason.map { JSONStringLiteral.quoted($0) } ?? "null"
        return .json(#"{"id":"\#(entry.id)","status":"\#(entry.status)","failure_reason":\#(reason)}"#)
    }

    /// FNV-1a: the deterministic per-id rule for payment statuses and amounts.
    static func fnv1a(_ text: Substring) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

struct PayoutBody: Decodable {
    var payoutID: String
    var sellerID: String
    var amountMinor: Int64
    var currency: String

    enum CodingKeys: String, CodingKey {
        case payoutID = "payout_id", sellerID = "seller_id", amountMinor = "amount_minor", currency
    }

    var problem: String? {
        if payoutID.isEmpty || sellerID.isEmpty { return "payout_id and seller_id must not be empty" }
        if amountMinor <= 0 { return "amount_minor must be positive" }
        if currency.count != 3 || currency.uppercased() != currency { return "currency must be an ISO 4217 code like USD" }
        return nil
    }

    var fingerprint: String { "\(payoutID)|\(sellerID)|\(amountMinor)|\(currency)" }
}
