import Foundation
import Hummingbird
import NIOCore

/// Serves the provider contracts and the admin endpoints. Hand-dispatched rather than through `Router`: the hot
/// path is one lock for counting and the fault decision, one for the status count, and no per-request logging.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxContext

    static let idempotencyKeyHeader = HeaderName("Idempotency-Key")!
    static let retryAfterHeader = HeaderName("Retry-After")!
    static let replayedHeader = HeaderName("Idempotent-Replayed")!
    static let maxBody = 64 * 1024

    let state: SandboxState
    /// `Bearer <token>` every provider request must carry, when the sandbox was started with `--token`.
    let expectedAuthorization: String?

    init(state: SandboxState, token: String?) {
        self.state = state
        expectedAuthorization = token.map { "Bearer \($0)" }
    }

    func respond(to request: Request, context: SandboxContext) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/_admin/") { return try await admin(request, path: path).response }

        let method = request.method.rawValue
        var match = SandboxRoute.match(method: method, path: path[...])
        if let id = match.id, id.utf8.contains(UInt8(ascii: "%")) { match.id = id.removingPercentEncoding.map { Substring($0) } ?? id }
        let key = request.headers[Self.idempotencyKeyHeader]
        let admission = state.admit(match.route, id: match.id, key: key, method: method)
        var status = 0
        defer { state.finish(status: status) }
        if let latency = admission.latency { try await Task.sleep(for: latency) }

        if case .down(.close)? = admission.fault {
            context.channel.close(promise: nil)
            return Response(status: .serviceUnavailable)
        }
        var request = request
        let answer = try await answer(&request, match: match, key: key, admission: admission)
        status = Int(answer.status.code)
        return answer.response
    }

    private func answer(
        _ request: inout Request, match: (route: SandboxRoute, id: Substring?, methodNotAllowed: Bool), key: String?,
        admission: Admission
    ) async throws -> Answer {
        switch admission.fault {
        case .down?: return .error(.serviceUnavailable, code: "unavailable", message: "the provider is down")
        default: break
        }
        if let expectedAuthorization, request.headers[.authorization] != expectedAuthorization {
            return .error(.unauthorized, code: "unauthorized", message: "missing or wrong bearer token")
        }
        if match.methodNotAllowed { return .error(.methodNotAllowed, code: "method_not_allowed", message: "method not allowed") }
        if match.route == .other { return .error(.notFound, code: "not_found", message: "no such route") }
        if case .status(let code)? = admission.fault, !admission.faultAfterProcessing { return Self.injected(code) }
        if case .throttle? = admission.fault { return throttled(admission.settings) }

        let answer: Answer
        switch match.route {
        case .getPayment: answer = payment(id: match.id ?? "", settings: admission.settings)
        case .createPayout: answer = try await createPayout(&request, key: key, settings: admission.settings)
        case .getPayout: answer = payout(id: match.id ?? "")
        case .sendMessage: answer = try await message(&request, key: key, prefix: "msg")
        case .sendPush: answer = try await message(&request, key: key, prefix: "push")
        case .other: answer = .error(.notFound, code: "not_found", message: "no such route")
        }
        guard answer.isSuccess else { return answer }
        switch admission.fault {
        case .status(let code)?: return Self.injected(code)
        case .malformed(let mode)?: return Self.malformed(answer, mode: mode)
        default: return answer
        }
    }

    static func injected(_ code: Int) -> Answer {
        let status = HTTPResponse.Status(code: code)
        return .error(status, code: code >= 500 ? "internal_error" : "request_refused", message: "injected by the sandbox")
    }

    private func throttled(_ settings: SandboxSettings) -> Answer {
        var answer = Answer.error(.tooManyRequests, code: "rate_limited", message: "slow down")
        let value: String
        switch settings.retryAfterFormat {
        case .seconds: value = String(settings.retryAfter)
        case .httpDate: value = Timestamps.httpDate(Int(time(nil)) + settings.retryAfter)
        }
        answer.extraHeaders.append((Self.retryAfterHeader, value))
        return answer
    }

    /// One decoder for every request: decoding does not mutate it, and building one costs as much as the decode.
    static let decoder = JSONDecoder()

    /// Reads a JSON body of at most 64 KiB.
    static func body<Body: Decodable>(_ request: inout Request, as type: Body.Type) async -> Body? {
        guard let buffer = try? await request.collectBody(upTo: maxBody) else { return nil }
        return try? decoder.decode(type, from: Data(buffer.readableBytesView))
    }
}
