/// How many rows of each kind a seed generates and where each kind's ids start. Pure arithmetic on the
/// options, so every table's generator agrees on the ids of the rows other tables refer to.
///
/// Ids: listings are numbered demo first, then the bulk segments in a fixed order. A listing `L` owns
/// at most two orders, `2L - 1` (an earlier attempt whose payment failed) and `2L` (the current order);
/// a payment, a ticket and a payout take the id of their order. Users and events are numbered from 1.
struct SeedPlan: Sendable, Equatable {
    static let usersPerScale = 400
    static let eventsPerScale = 60
    static let listingsPerEvent = 8

    let users: Int
    let events: Int
    let demoListings: Int
    let bulkPayments: Int
    let bulkUploads: Int
    let bulkPayouts: Int
    let bulkNotifications: Int

    init(_ options: SeedOptions) {
        users = Self.usersPerScale * options.scale
        events = Self.eventsPerScale * options.scale
        demoListings = events * Self.listingsPerEvent
        bulkPayments = options.payments ?? 20 * options.scale
        bulkUploads = options.pendingUploads ?? 10 * options.scale
        bulkPayouts = options.payouts ?? 10 * options.scale
        bulkNotifications = options.notifications ?? 50 * options.scale
    }

    var listings: Int { demoListings + bulkPayments + bulkUploads + bulkPayouts }

    /// Which part of the dataset a listing id belongs to, and its position within that part.
    func segment(ofListing id: Int) -> (ListingSegment, Int) {
        var start = demoListings
        if id <= start { return (.demo, id) }
        for (segment, count) in [(ListingSegment.pendingPayment, bulkPayments), (.pendingUpload, bulkUploads), (.duePayout, bulkPayouts)] {
            if id <= start + count { return (segment, id - start) }
            start += count
        }
        return (.duePayout, id - start)
    }
}

/// The demo marketplace, or one of the bulk segments of due work that the volume options add.
enum ListingSegment: Sendable, Equatable {
    case demo, pendingPayment, pendingUpload, duePayout
}

/// When an event happens relative to `now`; decides what can have happened to its listings.
enum EventTiming: Sendable, CaseIterable {
    /// Started 7 to 120 days ago: payouts are available.
    case settled
    /// Started 3 hours to 6 days ago: payouts mostly still in their hold period.
    case recent
    /// Starts within the next 71 hours: inside notify-upload's default window.
    case near
    /// Starts in 73 hours to 7 days.
    case soon
    /// Starts in 8 to 180 days.
    case far

    /// Event `id` (from 1) takes its timing from this cycle, so every scale has each timing in proportion.
    static let cycle: [EventTiming] = [.settled, .settled, .settled, .recent, .near, .near, .soon, .far, .far, .far]

    static func of(event id: Int) -> EventTiming { cycle[(id - 1) % cycle.count] }
}
