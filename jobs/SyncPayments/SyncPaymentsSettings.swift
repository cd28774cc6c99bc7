import Runner

/// sync-payments' settings, read from the environment (schedules.yaml variables fill the gaps).
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SYNC_PAYMENTS_BATCH_SIZE` | `100` | pending payments claimed per batch (their status checks run concurrently, bounded by `HTTP_CONCURRENCY`) |
/// | `SYNC_PAYMENTS_EXPIRE_AFTER` | `30m` | a payment the provider still reports pending (or does not know) this long after it was created is expired |
/// | `SYNC_PAYMENTS_RECHECK_INTERVAL` | `2m` | how soon a still-pending payment, or one whose check failed, is checked again |
/// | `SYNC_PAYMENTS_LEASE` | `5m` | how long a claim keeps other runs off a payment; a killed run's claims are taken over after it |
/// | `PAYOUT_HOLD_PERIOD` | `48h` | a seller's payout becomes available this long after the event ends |
/// | `PAYOUT_COMMISSION_BPS` | `500` | the marketplace's commission on the listing price, in basis points (500 = 5%), kept out of the payout |
public struct SyncPaymentsSettings: Sendable, Equatable {
    public var batchSize: Int
    public var expireAfter: Duration
    public var recheckInterval: Duration
    public var lease: Duration
    public var payoutHold: Duration
    public var commissionBasisPoints: Int

    public init(
        batchSize: Int = 100, expireAfter: Duration = .seconds(30 * 60), recheckInterval: Duration = .seconds(120),
        lease: Duration = .seconds(300), payoutHold: Duration = .seconds(48 * 3600), commissionBasisPoints: Int = 500
    ) {
        self.batchSize = batchSize
        self.expireAfter = expireAfter
        self.recheckInterval = recheckInterval
        self.lease = lease
        self.payoutHold = payoutHold
        self.commissionBasisPoints = commissionBasisPoints
    }

    public init(configuration: Configuration) throws(ConfigurationError) {
        let defaults = SyncPaymentsSettings()
        self.init(
            batchSize: try configuration.int("SYNC_PAYMENTS_BATCH_SIZE", default: defaults.batchSize, range: 1...10_000),
            expireAfter: try configuration.duration("SYNC_PAYMENTS_EXPIRE_AFTER", default: defaults.expireAfter),
            recheckInterval: try configuration.duration("SYNC_PAYMENTS_RECHECK_INTERVAL", default: defaults.recheckInterval),
            lease: try configuration.duration("SYNC_PAYMENTS_LEASE", default: defaults.lease),
            payoutHold: try configuration.duration("PAYOUT_HOLD_PERIOD", default: defaults.payoutHold),
            commissionBasisPoints: try configuration.int("PAYOUT_COMMISSION_BPS", default: defaults.commissionBasisPoints, range: 0...9_999)
        )
        // A zero interval or lease would make a run claim the same payment again within the same run.
        for (name, value) in [("SYNC_PAYMENTS_RECHECK_INTERVAL", recheckInterval), ("SYNC_PAYMENTS_LEASE", lease), ("SYNC_PAYMENTS_EXPIRE_AFTER", expireAfter)]
        where value <= .zero {
            throw ConfigurationError(variable: name, problem: "must be longer than zero")
        }
    }
}
