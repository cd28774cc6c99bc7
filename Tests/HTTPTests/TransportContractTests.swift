import Foundation
import HTTP
import Testing
import TestSupport

/// The transport contract (`HTTPTransport`), run against every transport and one scripted loopback server:
/// HTTP_TRANSPORT may change speed, never what a provider can make the client do.
@Suite("Transport contract: redirects, body cap and timeouts, alike on every transport")
struct TransportContractTests {
    static let cap = OutboundResponse.maximumBodyBytes
    static let token = BearerToken(HTTPTestKit.token)

    /// Sends one request (no retries) through `transport` to a fresh scripted server, which is stopped before it is
    /// returned with the outcome, so its request log is final.
    static func exchange(
        _ transport: HTTPTransportKind, timeout: Duration = .seconds(5), redirectTarget: URL? = nil,
        _ request: (URL) throws -> OutboundRequest
    ) async throws -> (outcome: Result<OutboundResponse, HTTPClientError>, server: ScriptedHTTPServer) {
        let server = try await ScriptedHTTPServer.start(redirectTarget: redirectTarget)
        let http = HTTPTestKit.client(timeout: timeout, retry: HTTPTestKit.retry(attempts: 1), transport: transport)
        let outbound = try request(server.baseURL)
        let outcome: Result<OutboundResponse, HTTPClientError>
        do {
            outcome = .success(try await http.send(outbound, simulated: OutboundResponse(status: 599)))
        } catch {
            outcome = .failure(error)
        }
        http.shutdown()
        await server.stop()
        return (outcome, server)
    }

    static func get(_ path: String) -> (URL) -> OutboundRequest {
        { base in .get(RequestURL(base.appending(path: path)), token: token) }
    }

    @Test(arguments: HTTPTransportKind.allCases)
    func normalAnswer_arrivesWhole_withTheTokenOnTheWire(transport: HTTPTransportKind) async throws {
        let (outcome, server) = try await Self.exchange(transport, Self.get("/ok"))

        let response = try outcome.get()
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        #expect(server.requests.map(\.path) == ["/ok"])
        #expect(server.requests.first?.headers["authorization"] == "Bearer \(HTTPTestKit.token)")
    }

    /// 307 and 308 would repeat the POST with its body; the others turn it into a GET. None may leave the host.
    @Test(arguments: HTTPTransportKind.allCases, [301, 302, 303, 307, 308])
    func redirect_isNeverFollowed_andFailsOnceAsARedirect(transport: HTTPTransportKind, status: Int) async throws {
        let witness = try await ScriptedHTTPServer.start()
        let (outcome, server) = try await Self.exchange(transport, redirectTarget: witness.baseURL) { base in
            let url = base.appending(path: "/redirect/\(status)")
            guard status >= 307 else { return .get(RequestURL(url), token: Self.token) }
            return try .json(.post, RequestURL(url), body: ["payout_id": "p-1"], token: Self.token, idempotencyKey: "payout-p-1")
        }
        await witness.stop()

        let error = outcome.failure
        #expect(error?.kind == .redirect(status))
        #expect(error?.attempts == 1)
        #expect(error?.isTransient == false)
        #expect(error?.providerFault == .malformed)
        #expect(error?.description.contains("redirected to 127.0.0.1:\(witness.port)/landing") == true)
        #expect(error?.description.contains(HTTPTestKit.token) == false)
        #expect(server.requests.count == 1, "a redirect is not retried")
        #expect(server.requests.first?.headers["authorization"] == "Bearer \(HTTPTestKit.token)")
        #expect(witness.requests.isEmpty, "followed with \(witness.requests.map { $0.headers["authorization"] ?? "no token" })")
    }

    @Test(arguments: HTTPTransportKind.allCases, ["large", "chunked"])
    func bodyOverTheCap_isRefusedWithTheSameError(transport: HTTPTransportKind, framing: String) async throws {
        let (outcome, _) = try await Self.exchange(transport, Self.get("/\(framing)/\(Self.cap + 1)"))

        #expect(outcome.failure?.kind == .decoding)
        #expect(outcome.failure?.detail == "the answer was larger than 4 MiB")
        #expect(outcome.failure?.providerFault == .malformed)
    }

    @Test(arguments: HTTPTransportKind.allCases, ["large", "chunked"])
    func bodyAtTheCap_isAccepted(transport: HTTPTransportKind, framing: String) async throws {
        let (outcome, _) = try await Self.exchange(transport, Self.get("/\(framing)/\(Self.cap)"))

        let response = try outcome.get()
        #expect(response.status == 200)
        #expect(response.body.count == Self.cap)
    }

    /// The timeout covers the whole exchange: no head at all, a head and then silence, and a body that keeps
    /// trickling (never silent long enough for an idle timeout, never done in time).
    @Test(arguments: HTTPTransportKind.allCases, ["/stall/head", "/stall/body", "/trickle"])
    func timeout_coversHeadAndBody(transport: HTTPTransportKind, path: String) async throws {
        var exchange: (outcome: Result<OutboundResponse, HTTPClientError>, server: ScriptedHTTPServer)?
        let seconds = try await HTTPTestKit.seconds {
            exchange = try await Self.exchange(transport, timeout: .milliseconds(500), Self.get(path))
        }

        let error = exchange?.outcome.failure
        #expect(error?.kind == .timeout)
        #expect(error?.detail == "no answer within 500ms")
        #expect(seconds >= 0.45 && seconds < 3, "\(seconds)s")
        #expect(exchange?.server.requests.map(\.path) == [path])
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
