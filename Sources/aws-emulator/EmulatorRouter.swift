import AWS
import Foundation
import Hummingbird
import NIOCore

/// Routes: `POST /` (ECS and Logs by X-Amz-Target, signed), admin, credential and task-metadata endpoints.
struct EmulatorRouter: Sendable {
    let state: EmulatorState

    func respond(_ incoming: Request) async throws -> Response {
        var request = incoming
        let body = Data((try await request.collectBody(upTo: 4 << 20)).readableBytesView)
        let path = request.uri.path
        var headers: [(name: String, value: String)] = []
        if let authority = request.head.authority { headers.append((name: "Host", value: authority)) }
        for field in request.headers { headers.append((name: field.name.rawName, value: field.value)) }
        let signable = SignableRequest(method: request.method.rawValue, path: path, query: request.uri.query ?? "", headers: headers, body: body)
        switch (request.method.rawValue, path) {
        case ("POST", "/"):
            return await api(signable)
        case ("POST", "/_admin/faults"):
            await state.setFaults((try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:])
            return json(["ok": true])
        case ("GET", "/_admin/stats"):
            return json(data: await state.stats())
        case ("GET", "/_creds/container"):
            if let required = state.settings.containerToken, signable.header("Authorization") != required {
                return json(["code": "AccessDenied", "message": "bad authorization token"], status: .forbidden)
            }
            return json(data: await state.issue("container"))
        case ("PUT", "/latest/api/token"):
            guard signable.header("X-aws-ec2-metadata-token-ttl-seconds") != nil else { return text("", status: .badRequest) }
            return text(await state.newIMDSToken())
        case ("GET", let imds) where imds.hasPrefix("/latest/meta-data/iam/security-credentials"):
            guard await state.validIMDSToken(signable.header("X-aws-ec2-metadata-token")) else { return text("", status: .unauthorized) }
            let role = imds.dropFirst("/latest/meta-data/iam/security-credentials".count).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            if role.isEmpty { return text("cronjob-invoker") }
            guard role == "cronjob-invoker" else { return text("", status: .notFound) }
            return json(data: await state.issue("imds"))
        case ("GET", let metadata) where metadata.hasPrefix("/_metadata/") && metadata.hasSuffix("/task"):
            let id = metadata.dropFirst("/_metadata/".count).dropLast("/task".count)
            guard let object = await state.metadata(taskId: String(id)) else { return text("", status: .notFound) }
            return json(data: object)
        default:
            return json(["__type": "UnknownOperationException", "message": "no route for \(request.method.rawValue) \(path)"], status: .notFound)
        }
    }

    private func api(_ request: SignableRequest) async -> Response {
        guard let target = request.header("X-Amz-Target"), let dot = target.firstIndex(of: ".") else {
            return error(EmulatorError(type: "UnknownOperationException", message: "X-Amz-Target is missing"))
        }
        let prefix = String(target[..<dot])
        let operation = String(target[target.index(after: dot)...])
        guard let service = AWSService.allCases.first(where: { $0.targetPrefix == prefix }) else {
            return error(EmulatorError(type: "UnknownOperationException", message: "unknown service \(prefix)"))
        }
        do throws(EmulatorError) {
            try await SignatureCheck.verify(request, service: service.signingName, region: state.settings.region, state: state)
            try await state.admit(operation)
            return try await ECSOperations(state: state).perform(operation, body: request.body)
        } catch {
            return self.error(error)
        }
    }

    func error(_ error: EmulatorError) -> Response {
        var response = json(["__type": error.type, "message": error.message], status: HTTPResponse.Status(code: error.status))
        let name = error.type.split(separator: "#").last.map(String.init) ?? error.type
        response.headers[.init("x-amzn-ErrorType")!] = name
        return response
    }

    func json(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        json(data: EmulatorState.json(object), status: status)
    }

    func json(data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/x-amz-json-1.1"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    func text(_ value: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: value)))
    }
}
