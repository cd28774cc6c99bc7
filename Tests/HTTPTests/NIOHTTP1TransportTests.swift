import Foundation
import HTTP
import Testing
import TestSupport

/// What `NIOHTTP1Transport` does beyond the shared contract: its own keep-alive pool, a stream that goes bad, a
/// caller that gives up, and a header that would split the message.
@Suite("SwiftNIO transport: keep-alive pool, broken connections, cancellation, header injection")
struct NIOHTTP1TransportTests {
    static let token = BearerToken(HTTPTestKit.token)

    static func send(_ transport: NIOHTTP1Transport, _ url: URL, timeout: Duration = .seconds(5)) async -> Result<OutboundResponse, HTTPClientError> {
        do {
            return .success(try await transport.send(.get(RequestURL(url), token: token), timeout: timeout))
        } catch {
            return .failure(error)
        }
    }

    @Test func sequentialRequests_reuseOneConnection() async throws {
        let server = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 4)
        for _ in 0..<20 {
            #expect(try await Self.send(transport, server.baseURL.appending(path: "/ok")).get().status == 200)
        }
        transport.shutdown()
        await server.stop()
        #expect(server.requests.count == 20)
        #expect(server.connectionCount == 1)
    }

    @Test func connectionIdleBeyondTheLimit_isClosedNotReused() async throws {
        let server = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 1, idleLimit: .milliseconds(300))
        let first = await Self.send(transport, server.baseURL.appending(path: "/ok"))
        let soon = await Self.send(transport, server.baseURL.appending(path: "/ok"))
        try await Task.sleep(for: .milliseconds(600))
        let late = await Self.send(transport, server.baseURL.appending(path: "/ok"))
        transport.shutdown()
        await server.stop()
        #expect([first, soon, late].map { try? $0.get().status } == [200, 200, 200])
        #expect(server.connectionCount == 2)
    }

    @Test func moreCallersThanConnections_queueAndAllGetTheirAnswer() async throws {
        let server = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 2)
        let statuses = await withTaskGroup(of: Int?.self) { group in
            for _ in 0..<16 {
                group.addTask { try? await Self.send(transport, server.baseURL.appending(path: "/ok")).get().status }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        transport.shutdown()
        await server.stop()
        #expect(statuses == Array(repeating: 200, count: 16))
        #expect(server.connectionCount <= 2)
    }

    @Test func connectionClosedWithoutAnswer_failsThatCall_andTheNextGetsAFreshConnection() async throws {
        let server = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 1)
        let closed = await Self.send(transport, server.baseURL.appending(path: "/close"))
        let next = await Self.send(transport, server.baseURL.appending(path: "/ok"))
        transport.shutdown()
        await server.stop()
        #expect(closed.failure?.kind == .connection)
        #expect(closed.failure?.detail == "connection closed without an answer")
        #expect(try next.get().status == 200)
        #expect(server.connectionCount == 2)
    }

    @Test func cancelledCaller_getsCancelled_andTheConnectionIsNotReused() async throws {
        let server = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 1)
        let stalled = Task { await Self.send(transport, server.baseURL.appending(path: "/stall/head")) }
        try await Task.sleep(for: .milliseconds(200))
        stalled.cancel()
        let outcome = await stalled.value
        let next = await Self.send(transport, server.baseURL.appending(path: "/ok"))
        transport.shutdown()
        await server.stop()
        #expect(outcome.failure?.kind == .cancelled)
        #expect(try next.get().status == 200)
        #expect(server.connectionCount == 2)
    }

    /// The request line carries the path and query exactly as the URL writes them (escapes kept), never the fragment.
    @Test(arguments: [
        ("/ok", "/ok"), ("", "/"), ("?x=1", "/?x=1"), ("/a%2Fb/c%20d?x=1&y=%20z", "/a%2Fb/c%20d?x=1&y=%20z"), ("/ok#part", "/ok"),
    ])
    func requestTarget_isThePathAndQueryAsWritten(suffix: String, target: String) async throws {
        let server = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 1)
        _ = await Self.send(transport, URL(string: server.baseURL.absoluteString + suffix)!)
        transport.shutdown()
        await server.stop()
        #expect(server.requests.map(\.path) == [target])
        #expect(server.requests.first?.headers["host"] == "127.0.0.1:\(server.port)")
    }

    /// Requests that alternate between two servers each reach their own (connections are pooled by origin).
    @Test func requestsAlternatingBetweenTwoOrigins_eachReachTheirOwnServer() async throws {
        let first = try await ScriptedHTTPServer.start()
        let second = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 2)
        var statuses: [Int?] = []
        for index in 0..<6 {
            let server = index % 2 == 0 ? first : second
            statuses.append(try? await Self.send(transport, server.baseURL.appending(path: "/ok")).get().status)
        }
        transport.shutdown()
        await first.stop()
        await second.stop()
        #expect(statuses == Array(repeating: 200, count: 6))
        #expect(first.requests.map { $0.headers["host"] } == Array(repeating: "127.0.0.1:\(first.port)", count: 3))
        #expect(second.requests.map { $0.headers["host"] } == Array(repeating: "127.0.0.1:\(second.port)", count: 3))
    }

    /// The token's Authorization and the Idempotency-Key replace a caller's own; a caller's User-Agent stays.
    @Test func wireHeaders_tokenAndKeyWin_callersUserAgentStays() async throws {
        let server = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 1)
        var request = OutboundRequest.get(RequestURL(server.baseURL.appending(path: "/ok")), token: Self.token)
        request.headers = ["Authorization": "Basic eA==", "Idempotency-Key": "theirs", "User-Agent": "probe/1", "X-Trace": "t-1"]
        request.idempotencyKey = "ours"
        var plain = OutboundRequest.get(RequestURL(server.baseURL.appending(path: "/ok")), token: nil)
        plain.headers = [:]
        _ = try await transport.send(request, timeout: .seconds(5))
        _ = try await transport.send(plain, timeout: .seconds(5))
        transport.shutdown()
        await server.stop()
        let sent = server.requests.map(\.headers)
        #expect(sent.count == 2)
        #expect(sent.first?["authorization"] == "Bearer \(HTTPTestKit.token)")
        #expect(sent.first?["idempotency-key"] == "ours")
        #expect(sent.first?["user-agent"] == "probe/1")
        #expect(sent.first?["x-trace"] == "t-1")
        #expect(sent.last?["authorization"] == nil)
        #expect(sent.last?["idempotency-key"] == nil)
        #expect(sent.last?["user-agent"] == "cronjob")
        #expect(request.wireHeaders == ["Authorization": "Bearer \(HTTPTestKit.token)", "Idempotency-Key": "ours", "User-Agent": "probe/1", "X-Trace": "t-1"])
    }

    @Test(arguments: ["a\r\nX-Injected: 1", "a\nb", "a\0b"])
    func headerValueThatWouldSplitTheMessage_isRefusedUnsent(value: String) async throws {
        let server = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 1)
        var request = OutboundRequest.get(RequestURL(server.baseURL.appending(path: "/ok")), token: Self.token)
        request.headers["X-Trace"] = value
        var failure: HTTPClientError?
        do { _ = try await transport.send(request, timeout: .seconds(5)) } catch { failure = error }
        transport.shutdown()
        await server.stop()
        #expect(failure?.kind == .invalidRequest)
        #expect(server.requests.isEmpty)
    }

    @Test func afterShutdown_aCallFailsAsCancelled() async throws {
        let server = try await ScriptedHTTPServer.start()
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 1)
        transport.shutdown()
        let outcome = await Self.send(transport, server.baseURL.appending(path: "/ok"))
        await server.stop()
        #expect(outcome.failure?.kind == .cancelled)
        #expect(server.requests.isEmpty)
    }
}

/// HTTPS on the default transport: the certificate chain and the host name are verified, and a failed check is a
/// connection failure that never sends the request.
@Suite("SwiftNIO transport over TLS: verified certificates only")
struct NIOHTTP1TransportTLSTests {
    @Test func trustedCertificateForTheHost_answers() async throws {
        let certificate = try TestCertificate.make()
        let server = try await ScriptedHTTPServer.start(tls: try certificate.serverContext())
        let transport = NIOHTTP1Transport(maximumConnectionsPerHost: 1, tlsConfiguration: try certificate.trustingClient())
        let first = await NIOHTTP1TransportTests.send(transport, server.baseURL.appending(path: "/ok"))
        let second = await NIOHTTP1TransportTests.send(transport, server.baseURL.appending(path: "/ok"))
        transport.shutdown()
        await server.stop()
        #expect(try first.get().status == 200)
        #expect(try second.get().status == 200)
        #expect(server.requests.first?.headers["authorization"] == "Bearer \(HTTPTestKit.token)")
        #expect(server.requests.first?.headers["host"] == "localhost:\(server.port)")
        #expect(server.connectionCount == 1)
    }

    /// A chain the client does not trust (the system's roots only), or a trusted one issued for another name.
    @Test(arguments: [(certificateName: "localhost", trusted: false), (certificateName: "provider.example", trusted: true)])
    func certificateRefused_failsAsTLS_andSendsNothing(certificateName: String, trusted: Bool) async throws {
        let certificate = try TestCertificate.make(name: certificateName)
        let server = try await ScriptedHTTPServer.start(tls: try certificate.serverContext())
        let transport = trusted
            ? NIOHTTP1Transport(maximumConnectionsPerHost: 1, tlsConfiguration: try certificate.trustingClient())
            : NIOHTTP1Transport(maximumConnectionsPerHost: 1)
        let outcome = await NIOHTTP1TransportTests.send(transport, server.baseURL.appending(path: "/ok"))
        transport.shutdown()
        await server.stop()
        #expect(outcome.failure?.kind == .connection)
        #expect(outcome.failure?.detail == "TLS handshake failed")
        #expect(server.requests.isEmpty)
    }
}
