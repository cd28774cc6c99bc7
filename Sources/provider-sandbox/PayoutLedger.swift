/// Payouts created through `POST /v1/payouts`, remembered by Idempotency-Key.
struct PayoutLedger: Sendable {
    struct Entry: Sendable {
        var id: String
        var key: String
        var payoutID: String
        /// seller, amount and currency: a reused key with a different body is refused, as real providers do.
        var fingerprint: String
        var status: String = "requested"
        var failureReason: String?
        var polls = 0
        var createdAt: ContinuousClock.Instant
    }

    enum Outcome {
        case created(Entry)
        case replayed(Entry)
        case keyReused
    }

    private var idByKey: [String: String] = [:]
    private var entries: [String: Entry] = [:]
    private var nextNumber = 1

    /// Creates the payout for `key`, or returns the one `key` already created.
    mutating func create(key: String, payoutID: String, fingerprint: String, settings: SandboxSettings) -> Outcome {
        if let id = idByKey[key], let entry = entries[id] {
            return entry.fingerprint == fingerprint ? .replayed(entry) : .keyReused
        }
        var entry = Entry(id: "po_\(nextNumber)", key: key, payoutID: payoutID, fingerprint: fingerprint, createdAt: .now)
        nextNumber += 1
        if settings.payoutSettlePolls == 0 { settle(&entry, settings) }
        idByKey[key] = entry.id
        entries[entry.id] = entry
        return .created(entry)
    }

    /// Counts a poll and settles a requested payout after `payout_settle_polls` polls or `payout_settle_ms`.
    mutating func poll(id: String, settings: SandboxSettings) -> Entry? {
        if entries[id] == nil, id.hasPrefix(Self.seededPrefix) { adopt(id: id) }
        guard var entry = entries[id] else { return nil }
        if entry.status == "requested" {
            entry.polls += 1
            let byPolls = entry.polls >= settings.payoutSettlePolls
            let byTime = settings.payoutSettleMs.map { ContinuousClock.now - entry.createdAt >= .milliseconds($0) } ?? false
            if byPolls || byTime { settle(&entry, settings) }
            entries[id] = entry
        }
        return entry
    }

    /// Ids `cronjob seed` writes on payouts it says were requested before the sandbox started (`po_seed_…`): the
    /// sandbox knows them as a real provider would, so the demo's data is consistent. Any other unknown id is a 404.
    static let seededPrefix = "po_seed_"

    private mutating func adopt(id: String) {
        entries[id] = Entry(id: id, key: "seed-\(id)", payoutID: id, fingerprint: "", createdAt: .now)
        idByKey["seed-\(id)"] = id
    }

    private func settle(_ entry: inout Entry, _ settings: SandboxSettings) {
        let outcome = settings.payouts[entry.payoutID] ?? settings.payouts[entry.id] ?? settings.payoutOutcome
        entry.status = outcome.rawValue
        entry.failureReason = outcome == .failed ? settings.payoutFailureReason : nil
    }
}
