import Foundation
import Hummingbird

extension SandboxResponder {
    /// `GET /_admin/stats`, `GET|POST /_admin/config`, `POST /_admin/reset`, `GET /_admin/health`. Not counted in stats.
    func admin(_ request: Request, path: String) async throws -> Answer {
        var request = request
        switch (request.method, path) {
        case (.get, "/_admin/stats"):
            return .json(Self.encode(state.stats))
        case (.get, "/_admin/config"):
            return .json(Self.encode(state.settings))
        case (.post, "/_admin/config"):
            guard let buffer = try? await request.collectBody(upTo: 1024 * 1024) else {
                return .error(.badRequest, code: "invalid_settings", message: "the body could not be read")
            }
            do {
                return .json(Self.encode(try state.update(patch: Data(buffer.readableBytesView))))
            } catch {
                return .error(.badRequest, code: "invalid_settings", message: error.description)
            }
        case (.post, "/_admin/reset"):
            state.reset()
            return .json(#"{"reset":true}"#)
        case (.get, "/_admin/health"):
            return .json(#"{"status":"ok"}"#)
        default:
            return .error(.notFound, code: "not_found", message: "admin routes: GET stats, GET|POST config, POST reset, GET health")
        }
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
