import Foundation
import Testing
import TestSupport

@Suite("provider-sandbox behaviour")
struct SandboxTests {
    @Test func admin_unknownSetting_isRefusedWithItsName() async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }

        let (status, body) = try await sandbox.call("POST", "/_admin/config", body: Data(#"{"eror_rate":0.5}"#.utf8))

        #expect(status == 400)
        #expect(String(decoding: body, as: UTF8.self).contains("unknown setting(s): eror_rate"))
    }

    @Test(arguments: [#"{"error_rate":1.5}"#, #"{"latency_ms":[50,10]}"#, #"{"down":"sideways"}"#, #"{"force_status":{"x":200}}"#, "[1]"])
    func admin_invalidValue_isRefused(body: String) async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }

        let (status, _) = try await sandbox.call("POST", "/_admin/config", body: Data(body.utf8))

        #expect(status == 400)
    }

    @Test func stats_countEveryRequestThatReachedTheHandler() async throws {
        let sandbox = try await SandboxProcess.start(["--token", "t0k3n"])
        defer { sandbox.stop() }
        try await sandbox.configure(["force_status": ["pay_x": 409]])
        let auth = ["Authorization": "Bearer t0k3n"]

        _ = try await sandbox.call("GET", "/v1/payments/pay_1", body: nil, headers: auth)
        _ = try await sandbox.call("GET", "/v1/payments/pay_x", body: nil, headers: auth)
        _ = try await sandbox.call("GET", "/v1/payments/pay_1", body: nil)
        _ = try await sandbox.call("POST", "/v1/messages", body: Data(#"{"to":"a@b.io","template":"t"}"#.utf8), headers: auth.merging(["Idempotency-Key": "m-1"]) { $1 })
        _ = try await sandbox.call("POST", "/v1/messages", body: Data("{".utf8), headers: auth.merging(["Idempotency-Key": "m-2"]) { $1 })
        _ = try await sandbox.call("GET", "/nowhere", body: nil, headers: auth)
        _ = try await sandbox.call("DELETE", "/v1/payouts", body: nil, headers: auth)
        let stats = try await sandbox.stats()

        #expect(stats.total == 7)
        #expect(stats.count("GET /v1/payments/{id}") == 3)
        #expect(stats.count("POST /v1/messages") == 2)
        #expect(stats.count("other") == 2)
        #expect(stats.keys == ["m-1": 1, "m-2": 1])
        #expect(stats.statuses == ["200": 2, "409": 1, "401": 1, "400": 1, "404": 1, "405": 1])
    }

    @Test func messages_sameKey_answerTheSameMessage() async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }
        let body = Data(#"{"to":"a@b.io","template":"t","data":{"k":"v"}}"#.utf8)

        let first = try await sandbox.call("POST", "/v1/push", body: body, headers: ["Idempotency-Key": "n-1"])
        let second = try await sandbox.call("POST", "/v1/push", body: body, headers: ["Idempotency-Key": "n-1"])
        let missing = try await sandbox.call("POST", "/v1/push", body: body)

        #expect(first.status == 200)
        #expect(first.body == second.body)
        #expect(String(decoding: first.body, as: UTF8.self) == #"{"id":"push_1","status":"accepted"}"#)
        #expect(missing.status == 400)
        #expect(try await sandbox.stats().count(key: "n-1") == 2)
    }

    static let messageBodies: [(body: String, status: Int)] = [
        (#"{"to":"a@b.io","template":"t"}"#, 200),
        (#" { "template" : "t" , "to" : "a\"b", "data" : {"x": [1, -2.5e3, {"y": null}, true, false, "\u00e9"]} } "#, 200),
        (#"{"to":"","template":"t"}"#, 422),
        (#"{"to":"a"}"#, 422),
        (#"{"to":1,"template":"t"}"#, 422),
        (#"{}"#, 422),
        ("", 400),
        ("[1]", 400),
        (#"{"to":"a","template":"t",}"#, 400),
        (#"{"to":"a","template":"t"} x"#, 400),
        (#"{"to":"a","template":"t""#, 400),
        (#"{"to":"a\q","template":"t"}"#, 400),
        (#"{"to":"a","template":"t","n":01}"#, 400),
        (#"{"to":"a","template":"t","n":[1,]}"#, 400),
        (#"{"to":"a","template":"t","n":tru}"#, 400),
        ("{\"to\":\"a\nb\",\"template\":\"t\"}", 400),  // a raw newline inside a string
    ]

    /// The message route scans JSON by hand for speed; it must still accept exactly what JSON allows.
    @Test func messages_bodyIsValidatedStrictly() async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }

        for (index, (body, status)) in Self.messageBodies.enumerated() {
            let answer = try await sandbox.call("POST", "/v1/messages", body: Data(body.utf8), headers: ["Idempotency-Key": "k\(index)"])
            #expect(answer.status == status, "\(body) → \(String(decoding: answer.body, as: UTF8.self))")
        }
    }

    @Test func payouts_seededIdsAreKnown_othersAre404() async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }
        let seeded = try await sandbox.call("GET", "/v1/payouts/po_seed_0a1b2c", body: nil)
        #expect(seeded.status == 200)
        let object = try JSONSerialization.jsonObject(with: seeded.body) as? [String: Any]
        #expect(object?["id"] as? String == "po_seed_0a1b2c")
        #expect(["requested", "paid", "failed"].contains(object?["status"] as? String ?? "?"))
        let unknown = try await sandbox.call("GET", "/v1/payouts/po_0a1b2c", body: nil)
        #expect(unknown.status == 404)
    }

    @Test func payments_hashRule_isStablePerId() async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }

        var statuses: [String: Int] = [:]
        for index in 0..<200 {
            let first = try await sandbox.call("GET", "/v1/payments/pay_\(index)", body: nil)
            let again = try await sandbox.call("GET", "/v1/payments/pay_\(index)", body: nil)
            let object = try JSONSerialization.jsonObject(with: first.body) as? [String: Any]
            let status = object?["status"] as? String ?? "?"
            statuses[status, default: 0] += 1
            #expect(status == (try JSONSerialization.jsonObject(with: again.body) as? [String: Any])?["status"] as? String)
        }

        #expect(Set(statuses.keys) == ["approved", "pending", "rejected", "cancelled"])
        #expect((statuses["approved"] ?? 0) > 100)
    }

    @Test func reset_forgetsStatsPayoutsAndSettings() async throws {
        let sandbox = try await SandboxProcess.start(["--latency", "1"])
        defer { sandbox.stop() }
        try await sandbox.configure(["down": "503"])
        _ = try await sandbox.call("GET", "/v1/payments/pay_1", body: nil)

        try await sandbox.reset()
        let after = try await sandbox.call("GET", "/v1/payments/pay_1", body: nil)

        #expect(after.status == 200)
        let stats = try await sandbox.stats()
        #expect(stats.total == 1)
        let config = try await sandbox.call("GET", "/_admin/config", body: nil)
        #expect(String(decoding: config.body, as: UTF8.self).contains(#""latency_ms":1"#))
    }

    @Test(arguments: [["--error-rate", "2"], ["--latency", "fast"], ["--port", "70000"], ["--down", "maybe"]])
    func flags_badValue_exits64(arguments: [String]) throws {
        let output = try Executable.start("provider-sandbox", arguments).wait(timeout: 20)

        #expect(output.status == 64)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("Error:"))
    }
}
