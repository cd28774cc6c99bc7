/// What `cronjob seed` generates. The same options and the same `now` always produce the same rows.
///
/// `scale` sizes the demo marketplace (scale 1: 400 users, 60 events, 480 listings and their orders,
/// payments, tickets, payouts and notifications in every state). The volume options add due work on top,
/// so the tests, the demo and the benchmarks share one generator:
///
/// | option | adds | default |
/// |---|---|---|
/// | `notifications` | notifications due now: queued, and every 20th leased by a killed run whose lease expired (`process-notifications`) | 50 × scale |
/// | `payments` | pending payments due for a status check, with their reserved listings and orders (`sync-payments`) | 20 × scale |
/// | `payouts` | pending payouts that became available, for past events (`check-payout`) | 10 × scale |
/// | `pendingUploads` | paid orders whose ticket is not uploaded, for events starting within 72 h (`notify-upload`) | 10 × scale |
public struct SeedOptions: Sendable, Equatable {
    public var scale: Int
    public var seed: UInt64
    public var notifications: Int?
    public var payments: Int?
    public var payouts: Int?
    public var pendingUploads: Int?
    /// Empty the eight tables first; without it a seed refuses a database that already has rows.
    public var replaceExisting: Bool

    public init(
        scale: Int = 1, seed: UInt64 = 1, notifications: Int? = nil, payments: Int? = nil,
        payouts: Int? = nil, pendingUploads: Int? = nil, replaceExisting: Bool = false
    ) {
        self.scale = scale
        self.seed = seed
        self.notifications = notifications
        self.payments = payments
        self.payouts = payouts
        self.pendingUploads = pendingUploads
        self.replaceExisting = replaceExisting
    }

    static let scaleRange = 1...10_000
    static let countRange = 0...100_000_000

    /// Throws on a value out of range, naming the option.
    public func validate() throws(SeedError) {
        guard Self.scaleRange.contains(scale) else {
            throw SeedError(.invalidOption, "scale must be in \(Self.scaleRange.lowerBound)...\(Self.scaleRange.upperBound)")
        }
        let counts = [("notifications", notifications), ("payments", payments), ("payouts", payouts), ("pending-uploads", pendingUploads)]
        for case let (name, count?) in counts where !Self.countRange.contains(count) {
            throw SeedError(.invalidOption, "\(name) must be in 0...\(Self.countRange.upperBound)")
        }
    }

    /// Seeding writes thousands of fake rows: refused for an environment named production or prod.
    public static func checkEnvironment(_ environment: String?) throws(SeedError) {
        guard let name = environment?.lowercased() else { return }
        if name == "production" || name == "prod" {
            throw SeedError(.productionRefused, "refusing to seed the '\(environment ?? name)' environment")
        }
    }
}
