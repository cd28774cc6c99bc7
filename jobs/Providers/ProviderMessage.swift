import Foundation
import Grammar
import HTTP

/// `POST /v1/messages` (email) and `POST /v1/push` body: a recipient, a template name and its variables.
public struct OutboundMessage: Sendable, Equatable, Codable {
    /// An email address (email) or a device/user push address (push).
    public var to: String
    public var template: String
    public var data: [String: String]

    public init(to: String, template: String, data: [String: String] = [:]) {
        self.to = to
        self.template = template
        self.data = data
    }
}

/// The message provider's answer.
public enum MessageStatus: String, Sendable, Codable, CaseIterable {
    case accepted
}

/// `POST /v1/messages` and `POST /v1/push` answer.
public struct MessageReceipt: Sendable, Equatable, Codable {
    /// `msg_…` for email, `push_…` for push.
    public var id: String
    public var status: MessageStatus

    public init(id: String, status: MessageStatus) {
        self.id = id
        self.status = status
    }
}

extension OutboundMessage: JSONBodyWritable {
    /// `{"data":{…},"template":…,"to":…}`, keys sorted by code point, strings by the one JSON escaper. It decodes to the
    /// same message as JSONEncoder's output, in other bytes (`/` is not written `\/`): the same binary always sends the
    /// same bytes for the same message, so a retry under one Idempotency-Key repeats its body exactly.
    public var jsonBody: Data {
        var out = ""
        // Room for the whole body up front (escapes aside): growing the string as it went showed in the drain's profile.
        out.reserveCapacity(data.reduce(48 + template.utf8.count + to.utf8.count) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        out += #"{"data":{"#
        for (offset, member) in data.sorted(by: { $0.key < $1.key }).enumerated() {
            if offset > 0 { out += "," }
            JSONStringLiteral.append(member.key, to: &out)
            out += ":"
            JSONStringLiteral.append(member.value, to: &out)
        }
        out += #"},"template":"#
        JSONStringLiteral.append(template, to: &out)
        out += #","to":"#
        JSONStringLiteral.append(to, to: &out)
        out += "}"
        return Data(out.utf8)
    }
}
