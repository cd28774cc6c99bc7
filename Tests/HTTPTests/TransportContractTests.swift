import Foundation
import HTTP
import Testing
import TestSupport

/// The transport contract (`HTTPTransport`), run against both transports and one scripted loopback server:
/// HTTP_TRANSPORT may change speed, never what a provider can make the client do.
@Suite("Transport contract: redirects, body cap and timeouts, alike on both transports")
struct TransportContractTests {
    static let cap = OutboundResponse.maximumBodyBytes

    static func client(_ transport: HTTPTransportKind, timeout: Duration = .seconds(5)) -> HTTPClient {
        HTTPTestKit.client(timeout: timeout, retry: HTTPTestKit.retry(attempts: 1), transport: transport)
    }

    static func get(_ server: ScriptedHTTPServer, _ path: String) -> OutboundRequest {
        .get(server.baseURL.appending(path: path), token: BearerToken(HTTPTestKit.token))
    }

    @Test(arguments: HTTPTransportKind.allCases)
    func normalAnswer_arrivesWhole_withTheTokenOnTheWire(transport: HTTPTransportKind) async throws {
        let server = try await ScriptedHTTPServer.start()
        let http = Self.client(transport)
        defer { http.shutdown() }

        let response = try await http.send(Self.get(server, "/ok"), simulated: OutboundResponse(status: 599))
        await server.stop()

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        #expect(server.requests.map(\.path) == ["/ok"])
        #expect(server.requests.first?.headers["authorization"] == "Bearer \(HTTPTestKit.token)")
    }

    /// 307 and 308 would repeat the POST with its body; the others turn it into a GET. None may leave the host.
    @Test(arguments: HTTPTransportKind.allCases, [301, 302, 303, 307, 308])
    func redirect_isNeverFollowed_andFailsOnceAsARedirect(transport: HTTPTransportKind, status: Int) async throws {
        let witness = try await ScriptedHTTPServer.start()
        let server = try await ScriptedHTTPServer.start(redirectTarget: witness.baseURL)
        let http = Self.client(transport)
        defer { http.shutdown() }
        let request = status >= 307
            ? try OutboundRequest.json(
                .post, server.baseURL.appending(path: "/redirect/\(status)"), body: ["payout_id": "p-1"],
                token: BearerToken(HTTPTestKit.token), idempotencyKey: "payout-p-1")
            : Self.get(server, "/redirect/\(status)")

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await http.send(request, simulated: OutboundResponse(status: 599))
        }
        await server.stop()
        await witness.stop()

        #expect(error?.kind == .redirect(status))
        #expect(error?.attempts == 1)
        #expect(error?.isTransient == false)
        #expect(error?.providerFault == .malformed)
        #expect(error?.description.contains("redirected to 127.0.0.1:\(witness.port)/landing") == true)
        #expect(error?.description.contains(HTTPTestKit.token) == false)
        #expect(server.requests.count == 1, "a redirect is not retried")
        #expect(server.requests.first?.headers["authorization"] == "Bearer \(HTTPTestKit.token)")
        #expect(witness.requests.isEmpty, "followed to \(witness.requests.map(\.path)) with \(witness.requests.map { $0.headers["authorization"] ?? "no token" })")
    }

    @Test(arguments: HTTPTransportKind.allCases, ["large", "chunked"])
    func bodyOverTheCap_isRefusedWithTheSameError(transport: HTTPTransportKind, framing: String) async throws {
        let server = try await ScriptedHTTPServer.start()
        let http = Self.client(transport)
        defer { http.shutdown() }

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await http.send(Self.get(server, "/\(framing)/\(Self.cap + 1)"), simulated: OutboundResponse(status: 599))
        }
        await server.stop()

        #expect(error?.kind == .decoding)
        #expect(error?.detail == "the answer was larger than 4 MiB")
        #expect(error?.providerFault == .malformed)
    }

    @Test(arguments: HTTPTransportKind.allCases, ["large", "chunked"])
    func bodyAtTheCap_isAccepted(transport: HTTPTransportKind, framing: String) async throws {
        let server = try await ScriptedHTTPServer.start()
        let http = Self.client(transport)
        defer { http.shutdown() }

        let response = try await http.send(Self.get(server, "/\(framing)/\(Self.cap)"), simulated: OutboundResponse(status: 599))
        await server.stop()

        #expect(response.status == 200)
        #expect(response.body.count == Self.cap)
    }

    /// The timeout covers the whole exchange: no head at all, a head and then silence, and a body that keeps
    /// trickling (never silent long enough for an idle timeout, never done in time).
    @Test(arguments: HTTPTransportKind.allCases, ["/stall/head", "/stall/body", "/trickle"])
    func timeout_coversHeadAndBody(transport: HTTPTransportKind, path: String) async throws {
        let server = try await ScriptedHTTPServer.start()
        let http = Self.client(transport, timeout: .milliseconds(500))
        defer { http.shutdown() }

        var error: HTTPClientError?
        let seconds = await HTTPTestKit.seconds {
            error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
                try await http.send(Self.get(server, path), simulated: OutboundResponse(status: 599))
            }
        }
        await server.stop()

        #expect(error?.kind == .timeout)
        #expect(error?.detail == "no answer within 500ms")
        #expect(seconds >= 0.45 && seconds < 3, "\(seconds)s")
        #expect(server.requests.map(\.path) == [path])
    }
}
