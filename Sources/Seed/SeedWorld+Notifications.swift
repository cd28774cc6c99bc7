extension SeedWorld {
    /// The messages the marketplace queued about a demo listing's orders, oldest first.
    func notifications(for listing: SeedListing) -> [SeedNotification] {
        var rng = random(.notification, listing.id)
        var result: [SeedNotification] = []
        func add(_ userID: Int, _ template: String, _ key: String, at time: Int, _ payload: String) {
            result.append(delivered(userID: userID, template: template, key: key, createdAt: min(time, now), payload: payload, &rng))
        }
        let event = listing.event
        for order in listing.orders {
            let payload = SeedJSON.object([
                "order_id": .int(order.id), "event_id": .int(event.id), "event_name": .string(event.name),
            ])
            if let closedAt = order.closedAt, order.status != "refunded" {
                add(order.buyerID, "payment_failed", "payment-failed:\(order.id)", at: closedAt + 30, payload)
                continue
            }
            guard let paidAt = order.paidAt else { continue }
            add(order.buyerID, "payment_approved", "payment-approved:\(order.id)", at: paidAt + 5, payload)
            add(listing.sellerID, "ticket_sold", "ticket-sold:\(order.id)", at: paidAt + 5, payload)
            for (index, time) in order.reminderTimes.enumerated() {
                add(listing.sellerID, "ticket_upload_reminder", "upload-reminder:\(order.id):\(index + 1)", at: time, SeedJSON.object([
                    "order_id": .int(order.id), "listing_id": .int(listing.id), "event_id": .int(event.id),
                    "event_name": .string(event.name), "venue": .string(event.venue),
                    "event_starts_at": .string(SeedJSON.timestamp(event.startsAt)), "reminder": .int(index + 1),
                ]))
            }
            if let uploadedAt = order.ticket?.uploadedAt {
                add(order.buyerID, "ticket_ready", "ticket-ready:\(order.id)", at: uploadedAt + 10, payload)
            }
            if order.status == "refunded", let closedAt = order.closedAt {
                add(order.buyerID, "order_refunded", "order-refunded:\(order.id)", at: closedAt + 10, payload)
            }
            if let payout = order.payout, let payoutPaidAt = payout.paidAt {
                add(listing.sellerID, "payout_paid", "payout-paid:\(order.id)", at: payoutPaidAt + 10, payload)
            }
        }
        return result
    }

    /// A bulk notification, due now: queued (a tenth of them retried before), or, every twentieth, leased by a
    /// run that was killed, its lease expired so the next run takes it over.
    func bulkNotification(_ index: Int) -> SeedNotification {
        var rng = random(.bulkNotification, index)
        let userID = rng.int(in: 1...plan.users)
        let template = rng.pick(["payment_approved", "ticket_sold", "ticket_ready", "payout_paid", "event_reminder"])
        let dueAt = now - rng.int(in: 0...Self.hour)
        let abandoned = index % 20 == 0
        let attempts = abandoned ? 1 : rng.chance(0.1) ? rng.int(in: 1...3) : 0
        let createdAt = dueAt - (attempts == 0 ? 0 : rng.int(in: Self.minute...Self.hour))
        return SeedNotification(
            userID: userID, recipient: nil, channel: hasPushToken(userID) && rng.chance(0.3) ? "push" : "email",
            template: template, payloadJSON: SeedJSON.object(["seed_index": .int(index)]), dedupeKey: "bulk:\(index)",
            status: abandoned ? "sending" : "queued", attempts: attempts, nextAttemptAt: dueAt,
            leaseExpiresAt: abandoned ? dueAt : nil, sentAt: nil,
            lastError: attempts == 0 || abandoned ? nil : "provider returned HTTP 503", providerMessageID: nil,
            createdAt: createdAt, updatedAt: abandoned ? max(createdAt, dueAt - 5 * Self.minute) : dueAt
        )
    }

    /// What became of a message queued at `createdAt`: mostly sent; some dead, retrying, or leased by a run
    /// that was killed (its lease expired, so the next run takes it over). The last ten minutes: still queued.
    private func delivered(
        userID: Int, template: String, key: String, createdAt: Int, payload: String, _ rng: inout SeedRandom
    ) -> SeedNotification {
        let push = hasPushToken(userID) && ["payment_approved", "ticket_ready"].contains(template) && rng.chance(0.5)
        var message = SeedNotification(
            userID: userID, recipient: nil, channel: push ? "push" : "email", template: template, payloadJSON: payload,
            dedupeKey: key, status: "queued", attempts: 0, nextAttemptAt: createdAt, leaseExpiresAt: nil, sentAt: nil,
            lastError: nil, providerMessageID: nil, createdAt: createdAt, updatedAt: createdAt
        )
        let age = now - createdAt
        guard age >= 10 * Self.minute else { return message }
        let recent = age < 2 * Self.day
        let outcome = rng.weighted([("sent", 0.93), ("dead", 0.03), ("sending", recent ? 0.02 : 0), ("retrying", recent ? 0.02 : 0)])
        switch outcome {
        case "dead":
            message.status = "dead"
            message.attempts = 5
            message.lastError = push ? "push token is no longer registered" : "email provider rejected the address"
            message.nextAttemptAt = min(now, createdAt + rng.int(in: Self.hour...Self.day))
            message.updatedAt = message.nextAttemptAt
        case "sending":
            message.status = "sending"
            message.attempts = rng.int(in: 1...2)
            message.leaseExpiresAt = max(createdAt + Self.minute, now - rng.int(in: Self.minute...15 * Self.minute))
            message.nextAttemptAt = message.leaseExpiresAt ?? now
            message.updatedAt = message.nextAttemptAt - Self.minute
        case "retrying":
            message.attempts = rng.int(in: 1...3)
            message.lastError = "provider returned HTTP 503"
            message.nextAttemptAt = now + rng.int(in: -10 * Self.minute...30 * Self.minute)
            message.updatedAt = min(now, max(createdAt, message.nextAttemptAt - 5 * Self.minute))
        default:
            message.status = "sent"
            message.attempts = 1
            message.sentAt = min(now, createdAt + rng.int(in: 1...90))
            message.providerMessageID = "msg_\(rng.hex())"
            message.updatedAt = message.sentAt ?? createdAt
        }
        return message
    }
}
