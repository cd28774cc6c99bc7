import Synchronization
import Foundation

/// Everything the sandbox remembers, behind one lock: settings, stats, payouts, messages, the random generator.
final class SandboxState: Sendable {
    struct Storage: Sendable {
        var settings: SandboxSettings
        var stats = SandboxStats()
        var payouts = PayoutLedger()
        /// Idempotency-Key → message id, so a repeated send answers the same message.
        var messages: [String: String] = [:]
        var nextMessage = 1
        var random: SplitMix64
        var malformedTurn = 0
        var inFlight = 0
    }

    let initialSettings: SandboxSettings
    let maxTrackedKeys: Int
    private let seed: UInt64
    private let storage: Mutex<Storage>

    init(settings: SandboxSettings, seed: UInt64, maxTrackedKeys: Int) {
        initialSettings = settings
        self.seed = seed
        self.maxTrackedKeys = maxTrackedKeys
        storage = Mutex(Storage(settings: settings, random: SplitMix64(seed: seed)))
    }

    /// Counts the request and decides its latency and fault.
    func admit(_ route: SandboxRoute, id: Substring?, key: String?, method: String) -> Admission {
        storage.withLock { storage in
            storage.stats.count(route, key: key, maxTrackedKeys: maxTrackedKeys)
            storage.inFlight += 1
            if storage.inFlight > storage.stats.maxInFlight { storage.stats.maxInFlight = storage.inFlight }
            let settings = storage.settings
            var admission = Admission(settings: settings)
            let latency = settings.latencyMs
            if latency.max > 0 {
                let ms = latency.min == latency.max ? latency.min : Int.random(in: latency.min...latency.max, using: &storage.random)
                admission.latency = .milliseconds(ms)
            }
            if settings.down != .off {
                admission.fault = .down(settings.down)
            } else if let forced = Self.forced(settings, id: id, key: key) {
                admission.fault = .status(forced)
            } else if storage.settings.errorNext > 0 || storage.random.chance(settings.errorRate) {
                if storage.settings.errorNext > 0 { storage.settings.errorNext -= 1 }
                admission.fault = .status(settings.errorStatus)
                admission.faultAfterProcessing = settings.errorAfterProcessing && method == "POST"
            } else if storage.settings.throttleNext > 0 || storage.random.chance(settings.throttleRate) {
                if storage.settings.throttleNext > 0 { storage.settings.throttleNext -= 1 }
                admission.fault = .throttle
            } else if storage.settings.malformedNext > 0 || storage.random.chance(settings.malformedRate) {
                if storage.settings.malformedNext > 0 { storage.settings.malformedNext -= 1 }
                let modes = settings.malformedModes
                admission.fault = .malformed(modes[storage.malformedTurn % modes.count])
                storage.malformedTurn &+= 1
            }
            return admission
        }
    }

    private static func forced(_ settings: SandboxSettings, id: Substring?, key: String?) -> Int? {
        guard !settings.forceStatus.isEmpty else { return nil }
        if let id, let status = settings.forceStatus[String(id)] { return status }
        if let key, let status = settings.forceStatus[key] { return status }
        return nil
    }

    /// Ends an admitted request: counts its status (0 when the connection was closed or the handler failed).
    func finish(status: Int) {
        storage.withLock { storage in
            storage.inFlight -= 1
            storage.stats.statuses[status, default: 0] += 1
        }
    }

    func createPayout(key: String, payoutID: String, fingerprint: String) -> PayoutLedger.Outcome {
        storage.withLock { $0.payouts.create(key: key, payoutID: payoutID, fingerprint: fingerprint, settings: $0.settings) }
    }

    func pollPayout(id: String) -> PayoutLedger.Entry? {
        storage.withLock { $0.payouts.poll(id: id, settings: $0.settings) }
    }

    /// The message id for `key`, and whether it was already sent.
    func message(key: String, prefix: String) -> (id: String, replayed: Bool) {
        storage.withLock { storage in
            if let id = storage.messages[key] { return (id, true) }
            let id = "\(prefix)_\(storage.nextMessage)"
            storage.nextMessage += 1
            if storage.messages.count < maxTrackedKeys { storage.messages[key] = id }
            return (id, false)
        }
    }

    var settings: SandboxSettings { storage.withLock { $0.settings } }
    var stats: StatsDocument { storage.withLock { $0.stats.json } }

    /// Applies a JSON patch of settings atomically (the `*_next` counters may be moving meanwhile).
    func update(patch: Data) throws(SandboxError) -> SandboxSettings {
        let result: Result<SandboxSettings, SandboxError> = storage.withLock { storage in
            do throws(SandboxError) {
                storage.settings = try storage.settings.applying(patch: patch)
                return .success(storage.settings)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Back to the settings the sandbox started with; stats, payouts and messages forgotten.
    func reset() {
        storage.withLock { storage in
            let inFlight = storage.inFlight
            storage = Storage(settings: initialSettings, random: SplitMix64(seed: seed))
            storage.inFlight = inFlight  // requests still running will finish and decrement
        }
    }
}
