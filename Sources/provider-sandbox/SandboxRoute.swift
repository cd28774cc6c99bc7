/// The provider routes the sandbox serves; stats count requests per route.
enum SandboxRoute: Int, CaseIterable, Sendable {
    case getPayment, createPayout, getPayout, sendMessage, sendPush, other

    /// The name stats report, e.g. `GET /v1/payments/{id}`.
    var name: String {
        switch self {
        case .getPayment: "GET /v1/payments/{id}"
        case .createPayout: "POST /v1/payouts"
        case .getPayout: "GET /v1/payouts/{id}"
        case .sendMessage: "POST /v1/messages"
        case .sendPush: "POST /v1/push"
        case .other: "other"
        }
    }

    /// Matches method and path; `id` is the path's last segment for the `{id}` routes.
    /// A known path with the wrong method is `.other` with `methodNotAllowed`.
    /// Compares UTF-8 bytes: with Foundation imported, `hasPrefix` on a Substring goes through NSString.
    static func match(method: String, path: Substring) -> (route: SandboxRoute, id: Substring?, methodNotAllowed: Bool) {
        var path = path
        if path.utf8.last == UInt8(ascii: "/") { path = path.dropLast() }
        if let id = idAfter("/v1/payments/", in: path) {
            guard !id.isEmpty, !id.utf8.contains(UInt8(ascii: "/")) else { return (.other, nil, false) }
            return method == "GET" ? (.getPayment, id, false) : (.other, nil, true)
        }
        if let id = idAfter("/v1/payouts/", in: path) {
            guard !id.isEmpty, !id.utf8.contains(UInt8(ascii: "/")) else { return (.other, nil, false) }
            return method == "GET" ? (.getPayout, id, false) : (.other, nil, true)
        }
        switch path {
        case "/v1/payouts": return method == "POST" ? (.createPayout, nil, false) : (.other, nil, true)
        case "/v1/messages": return method == "POST" ? (.sendMessage, nil, false) : (.other, nil, true)
        case "/v1/push": return method == "POST" ? (.sendPush, nil, false) : (.other, nil, true)
        default: return (.other, nil, false)
        }
    }

    private static func idAfter(_ prefix: StaticString, in path: Substring) -> Substring? {
        let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard path.utf8.starts(with: prefixBytes) else { return nil }
        return path.dropFirst(prefix.utf8CodeUnitCount)
    }
}
