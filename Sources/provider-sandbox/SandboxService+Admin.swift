import Foundation
import NIOCore

extension SandboxService {
    /// `GET /_admin/stats`, `GET|POST /_admin/config`, `POST /_admin/reset`, `GET /_admin/health`. Not counted in stats.
    func admin(_ request: SandboxRequest) -> Answer {
        switch (request.method, request.path) {
        case ("GET", "/_admin/stats"):
            return .json(Self.encode(state.stats))
        case ("GET", "/_admin/config"):
            return .json(Self.encode(state.settings))
        case ("POST", "/_admin/config"):
            do {
                return .json(Self.encode(try state.update(patch: Data(request.body?.readableBytesView ?? ByteBuffer().readableBytesView))))
            } catch {
                return .error(400, code: "invalid_settings", message: error.description)
            }
        case ("POST", "/_admin/reset"):
            state.reset()
            return .json(#"{"reset":true}"#)
        case ("GET", "/_admin/health"):
            return .json(#"{"status":"ok"}"#)
        default:
            return .error(404, code: "not_found", message: "admin routes: GET stats, GET|POST config, POST reset, GET health")
        }
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
