import Foundation
import NIOCore

/// Serves the provider contracts and the admin endpoints. Synchronous and called on the event loop that read
/// the request: one lock to count and decide faults, one to count the status, no per-request logging.
struct SandboxService: Sendable {
    static let maxBody = 1024 * 1024

    let state: SandboxState
    /// `Bearer <token>` every provider request must carry, when the sandbox was started with `--token`.
    let expectedAuthorization: String?

    init(state: SandboxState, token: String?) {
        self.state = state
        expectedAuthorization = token.map { "Bearer \($0)" }
    }

    func handle(_ request: SandboxRequest) -> SandboxReply {
        if request.path.utf8.starts(with: "/_admin/".utf8) {
            return SandboxReply(answer: admin(request), delay: nil, counted: false)
        }
        var match = SandboxRoute.match(method: request.method, path: request.path)
        if let id = match.id, id.utf8.contains(UInt8(ascii: "%")) { match.id = id.removingPercentEncoding.map { Substring($0) } ?? id }
        let admission = state.admit(match.route, id: match.id, key: request.idempotencyKey, method: request.method)
        if case .down(.close)? = admission.fault {
            return SandboxReply(answer: nil, delay: admission.latency, counted: true)
        }
        var answer = answer(request, match: match, admission: admission)
        if admission.settings.errorHTML, answer.status >= 500 {
            answer = Answer(status: answer.status, body: Self.htmlPage, contentType: "text/html; charset=utf-8")
        }
        return SandboxReply(answer: answer, delay: admission.latency, counted: true)
    }

    /// Ends a counted request once its answer is written (status 0: the connection was dropped).
    func finished(status: Int) {
        state.finish(status: status)
    }

    private func answer(
        _ request: SandboxRequest, match: (route: SandboxRoute, id: Substring?, methodNotAllowed: Bool), admission: Admission
    ) -> Answer {
        if case .down? = admission.fault { return .error(503, code: "unavailable", message: "the provider is down") }
        if let required = admission.settings.token.map({ "Bearer \($0)" }) ?? expectedAuthorization, request.authorization != required {
            let status = admission.settings.tokenStatus
            return .error(status, code: status == 403 ? "forbidden" : "unauthorized", message: "missing or wrong bearer token")
        }
        if match.methodNotAllowed { return .error(405, code: "method_not_allowed", message: "method not allowed") }
        if match.route == .other { return .error(404, code: "not_found", message: "no such route") }
        if case .status(let code)? = admission.fault, !admission.faultAfterProcessing { return Self.injected(code) }
        if case .throttle? = admission.fault { return throttled(admission.settings) }

        let answer: Answer
        let key = request.idempotencyKey
        switch match.route {
        case .getPayment: answer = payment(id: match.id ?? "", settings: admission.settings)
        case .createPayout: answer = createPayout(request.body, key: key, settings: admission.settings)
        case .getPayout: answer = payout(id: match.id ?? "")
        case .sendMessage: answer = message(request.body, key: key, prefix: "msg")
        case .sendPush: answer = message(request.body, key: key, prefix: "push")
        case .other: answer = .error(404, code: "not_found", message: "no such route")
        }
        guard answer.isSuccess else { return answer }
        switch admission.fault {
        case .status(let code)?: return Self.injected(code)
        case .malformed(let mode)?: return Self.malformed(answer, mode: mode)
        default: return answer
        }
    }

    static func injected(_ code: Int) -> Answer {
        .error(code, code: code >= 500 ? "internal_error" : "request_refused", message: "injected by the sandbox")
    }

    private func throttled(_ settings: SandboxSettings) -> Answer {
        var answer = Answer.error(429, code: "rate_limited", message: "slow down")
        let value: String
        switch settings.retryAfterFormat {
        case .seconds: value = String(settings.retryAfter)
        case .httpDate: value = Timestamps.httpDate(Int(time(nil)) + settings.retryAfter)
        }
        answer.extraHeaders.append((name: "Retry-After", value: value))
        return answer
    }

    /// One decoder for every request: decoding does not mutate it, and building one costs as much as the decode.
    static let decoder = JSONDecoder()

    static func decode<Body: Decodable>(_ body: ByteBuffer?, as type: Body.Type) -> Body? {
        guard let body else { return nil }
        return try? decoder.decode(type, from: Data(body.readableBytesView))
    }
}
