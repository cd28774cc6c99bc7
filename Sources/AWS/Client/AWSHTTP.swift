import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange on AsyncHTTPClient (the transport the project already uses), body collected whole.
public enum AWSHTTP {
    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: Data
    }

    /// Answers above this are refused: no call this client makes returns more.
    static let maximumBody = 16 << 20

    public static func send(
        method: HTTPMethod, url: String, headers: [(name: String, value: String)], body: Data?, timeout: Duration
    ) async throws(AWSError) -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let milliseconds = Int64(timeout / .milliseconds(1))
            let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(milliseconds))
            let buffer = try await response.body.collect(upTo: maximumBody)
            let data = Data(buffer.readableBytesView)
            return Response(status: Int(response.status.code), headers: response.headers, body: data)
        } catch {
            throw AWSError(.transport, message: "no answer from \(Self.hostOnly(url)) (\(Self.reason(error)))")
        }
    }

    /// `scheme://host:port` of a URL: paths and queries are left out of messages.
    static func hostOnly(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "the endpoint" }
        return "\(components.scheme ?? "http")://\(host)\(components.port.map { ":\($0)" } ?? "")"
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "connection closed"
            default: return "\(error)"
            }
        }
        let text = "\(error)"
        if text.contains("connection refused") || text.contains("Connection refused") { return "connection refused" }
        return text.count > 120 ? String(text.prefix(120)) : text
    }
}
