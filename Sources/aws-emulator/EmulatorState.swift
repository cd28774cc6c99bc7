import AWS
import Foundation

/// Everything the emulator holds: keys, issued temporary credentials, faults, task definitions, tasks, log streams.
actor EmulatorState {
    struct Issued {
        var secret: String
        var token: String
        var expiration: Date
    }

    struct Faults {
        var failNextStart: String?
        var throttleNext = 0
        var deny: Set<String> = []
        var denyAll = false
    }

    let settings: EmulatorSettings
    var port = 0
    var keys: [String: String]
    var issued: [String: Issued] = [:]
    var imdsTokens: Set<String> = []
    var faults = Faults()
    var calls: [String: Int] = [:]
    var throttled = 0
    var signatureFailures = 0
    var issuedCount: [String: Int] = [:]
    var definitions: [String: [TaskDefinition]] = [:]
    var tasks: [String: EmulatedTask] = [:]
    var taskOrder: [String] = []
    let logs = LogStore()
    var runTaskBodies: [String] = []

    init(settings: EmulatorSettings, keys: [String: String]) {
        self.settings = settings
        self.keys = keys
    }

    func setPort(_ port: Int) { self.port = port }

    /// The secret for `accessKeyId` and whether a session token must match, or an AWS error.
    func secret(for accessKeyId: String, token: String?) throws(EmulatorError) -> String {
        if let secret = keys[accessKeyId] { return secret }
        guard let temporary = issued[accessKeyId], temporary.token == token else {
            throw EmulatorError(type: "com.amazon.coral.service#UnrecognizedClientException", message: "The security token included in the request is invalid.")
        }
        guard temporary.expiration > Date() else {
            throw EmulatorError(type: "com.amazon.coral.service#ExpiredTokenException", message: "The security token included in the request is expired")
        }
        return temporary.secret
    }

    func noteSignatureFailure() { signatureFailures += 1 }

    /// Counts the call and applies throttling and access faults.
    func admit(_ operation: String) throws(EmulatorError) {
        calls[operation, default: 0] += 1
        if faults.throttleNext > 0 {
            faults.throttleNext -= 1
            throttled += 1
            throw EmulatorError(type: "ThrottlingException", message: "Rate exceeded")
        }
        if faults.denyAll || faults.deny.contains(operation) {
            let service = operation == "GetLogEvents" ? "logs" : "ecs"
            throw EmulatorError(
                type: "AccessDeniedException",
                message: "User: arn:aws:iam::\(settings.account):user/invoker is not authorized to perform: \(service):\(operation) because no identity-based policy allows the \(service):\(operation) action")
        }
    }

    /// New temporary credentials for the container or IMDS endpoints.
    func issue(_ source: String) -> Data {
        issuedCount[source, default: 0] += 1
        let key = "ASIA" + Self.random(16).uppercased()
        let secret = Self.random(40)
        let token = "IQoJ" + Self.random(120)
        let expiration = Date().addingTimeInterval(settings.temporaryTTL)
        issued[key] = Issued(secret: secret, token: token, expiration: expiration)
        let formatter = ISO8601DateFormatter()
        return Self.json([
            "Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": key, "SecretAccessKey": secret, "Token": token,
            "Expiration": formatter.string(from: expiration), "LastUpdated": formatter.string(from: Date()),
            "RoleArn": "arn:aws:iam::\(settings.account):role/cronjob-invoker",
        ])
    }

    func newIMDSToken() -> String {
        let token = Self.random(44)
        imdsTokens.insert(token)
        return token
    }

    func validIMDSToken(_ token: String?) -> Bool { token.map { imdsTokens.contains($0) } ?? false }

    func setFaults(_ object: [String: Any]) {
        if let reason = object["fail_next_start"] as? String { faults.failNextStart = reason }
        if let count = object["throttle_next"] as? Int { faults.throttleNext = count }
        if let all = object["deny"] as? Bool { faults.denyAll = all }
        if let operations = object["deny"] as? [String] { faults.deny = Set(operations) }
    }

    func stats() -> Data {
        Self.json([
            "calls": calls, "throttled": throttled, "signature_failures": signatureFailures, "issued": issuedCount,
            "run_task_requests": runTaskBodies,
            "tasks": taskOrder.compactMap { tasks[$0]?.summary },
        ])
    }

    static func json(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    static func random(_ count: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<count).map { _ in alphabet.randomElement() ?? "a" })
    }
}
