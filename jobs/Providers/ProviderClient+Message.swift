import Foundation
import HTTP

/// What email and push share: POST a message with an Idempotency-Key, simulate acceptance in a dry run.
extension ProviderClient {
    /// Posts `message` to `path`; a dry run answers `accepted` with id `<idPrefix>_dryrun_<key>`.
    func sendMessage(
        _ message: OutboundMessage, to path: [String], idPrefix: String, idempotencyKey: String,
        deadline: ContinuousClock.Instant?
    ) async throws(HTTPClientError) -> MessageReceipt {
        let request = try OutboundRequest.json(
            .post, endpoint.url(path: path), body: message, token: endpoint.token, idempotencyKey: idempotencyKey,
            bodySummary: http.mode.records ? OutboundMessage.planSummary(of: message) : nil)  // only a dry-run plan shows it
        let simulated = MessageReceipt(id: "\(idPrefix)_dryrun_\(idempotencyKey)", status: .accepted)
        return try await http.send(request, expecting: MessageReceipt.self, deadline: deadline, simulated: .json(simulated))
    }
}

extension OutboundMessage {
    /// The plan shows the masked recipient, the template and the names of its variables, never their values
    /// (they hold names, amounts and links of real people).
    static func planSummary(of message: OutboundMessage) -> String {
        let recipient: String
        if message.to.contains("@") {
            recipient = Redaction.maskEmails(in: message.to)
        } else {
            recipient = message.to.count > 8 ? String(message.to.prefix(4)) + "…" : message.to
        }
        return "to=\(recipient) template=\(message.template) data=[\(message.data.keys.sorted().joined(separator: ","))]"
    }
}
