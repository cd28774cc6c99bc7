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
    static func match(method: String, path: Substring) -> (route: SandboxRoute, id: Substring?, methodNotAllowed: Bool) {
        var path = path
        if path.hasSuffix("/") { path = path.dropLast() }
        if path.hasPrefix("/v1/payments/") {
            let id = path.dropFirst("/v1/payments/".count)
            guard !id.isEmpty, !id.contains("/") else { return (.other, nil, false) }
            return method == "GET" ? (.getPayment, id, false) : (.other, nil, true)
        }
        if path.hasPrefix("/v1/payouts/") {
            let id = path.dropFirst("/v1/payouts/".count)
            guard !id.isEmpty, !id.contains("/") else { return (.other, nil, false) }
            return method == "GET" ? (.getPayout, id, false) : (.other, nil, true)
        }
        switch path {
        case "/v1/payouts": return method == "POST" ? (.createPayout, nil, false) : (.other, nil, true)
        case "/v1/messages": return method == "POST" ? (.sendMessage, nil, false) : (.other, nil, true)
        case "/v1/push": return method == "POST" ? (.sendPush, nil, false) : (.other, nil, true)
        default: return (.other, nil, false)
        }
    }
}
