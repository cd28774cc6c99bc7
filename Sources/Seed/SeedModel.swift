/// The generated rows, as plain values; times are whole seconds since 1970 (see `SeedWorld`).
struct SeedUser {
    var id: Int
    var email: String
    var displayName: String
    var locale: String
    var pushToken: String?
    var createdAt: Int
}

struct SeedEvent {
    var id: Int
    var name: String
    var venue: String
    var city: String
    var startsAt: Int
    var endsAt: Int
    var cancelled: Bool
    var createdAt: Int
}

struct SeedListing {
    var id: Int
    var sellerID: Int
    var event: SeedEvent
    var section: String
    var seat: String?
    var priceMinor: Int
    var currency: String
    var status: String
    var createdAt: Int
    var updatedAt: Int
    /// In id order: an earlier failed attempt (`2L - 1`) and the current order (`2L`), each optional.
    var orders: [SeedOrder]
}

struct SeedOrder {
    var id: Int
    var buyerID: Int
    var status: String
    var subtotalMinor: Int
    var feeMinor: Int
    var currency: String
    var createdAt: Int
    var updatedAt: Int
    var paidAt: Int?
    var closedAt: Int?
    var payment: SeedPayment
    var ticket: SeedTicket?
    var payout: SeedPayout?
    /// Upload reminders already queued for this order (creation times), as notify-upload would have.
    var reminderTimes: [Int] = []

    var totalMinor: Int { subtotalMinor + feeMinor }
}

struct SeedPayment {
    var providerPaymentID: String
    var status: String
    var createdAt: Int
    var updatedAt: Int
    var checkedAt: Int?
    var checkAttempts: Int
    var nextCheckAt: Int
    var resolvedAt: Int?
    var lastError: String?
}

struct SeedTicket {
    var fileKey: String?
    var uploadedAt: Int?
    var createdAt: Int
}

struct SeedPayout {
    var amountMinor: Int
    var status: String
    var availableAt: Int
    var attempts: Int
    var nextAttemptAt: Int
    var leaseExpiresAt: Int?
    var providerPayoutID: String?
    var lastError: String?
    var createdAt: Int
    var updatedAt: Int
    var requestedAt: Int?
    var paidAt: Int?
}

struct SeedNotification {
    var userID: Int?
    var recipient: String?
    var channel: String
    var template: String
    var payloadJSON: String
    var dedupeKey: String
    var status: String
    var attempts: Int
    var nextAttemptAt: Int
    var leaseExpiresAt: Int?
    var sentAt: Int?
    var lastError: String?
    var providerMessageID: String?
    var createdAt: Int
    var updatedAt: Int
}
