extension SeedWorld {
    /// A paid order with its approved payment, its ticket and (unless refunded later) the seller's payout.
    func paidOrder(
        _ id: Int, listing: SeedListing, after: Int, horizon: Int, uploaded: Bool, segment: ListingSegment, _ rng: inout SeedRandom
    ) -> SeedOrder {
        let event = listing.event
        let paidAt = after + 10 * Self.minute + rng.int(in: 0...max(0, horizon - after - 10 * Self.minute))
        var order = newOrder(id, listing: listing, createdAt: max(after, paidAt - rng.int(in: Self.minute...15 * Self.minute)), &rng)
        order.status = "paid"
        order.paidAt = paidAt
        order.updatedAt = paidAt
        order.payment.status = "approved"
        order.payment.checkAttempts = rng.int(in: 1...3)
        order.payment.checkedAt = paidAt
        order.payment.nextCheckAt = paidAt
        order.payment.resolvedAt = paidAt
        order.payment.updatedAt = paidAt
        var ticket = SeedTicket(fileKey: nil, uploadedAt: nil, createdAt: paidAt)
        if uploaded {
            let latest = min(now, event.startsAt) - Self.minute
            ticket.uploadedAt = paidAt + rng.int(in: 5 * Self.minute...max(5 * Self.minute, latest - paidAt))
            ticket.fileKey = "tickets/\(id)/\(rng.hex()).pdf"
        } else if segment == .demo, event.startsAt > now {
            order.reminderTimes = priorReminders(paidAt: paidAt, startsAt: event.startsAt, &rng)
        }
        order.ticket = ticket
        order.payout = payout(for: order, event: event, uploaded: uploaded, due: segment == .duePayout, &rng)
        return order
    }

    /// Up to two reminders notify-upload would already have queued (hourly, 12 h apart, 72 h window).
    private func priorReminders(paidAt: Int, startsAt: Int, _ rng: inout SeedRandom) -> [Int] {
        var times: [Int] = []
        var time = max(startsAt - 72 * Self.hour, paidAt) + rng.int(in: 0...(Self.hour - 1))
        while time <= now - 5 * Self.minute, times.count < 2, startsAt - time > 6 * Self.hour {
            times.append(time)
            time += rng.int(in: 12 * Self.hour...14 * Self.hour)
        }
        return times
    }

    private func payout(for order: SeedOrder, event: SeedEvent, uploaded: Bool, due: Bool, _ rng: inout SeedRandom) -> SeedPayout {
        let availableAt = event.endsAt + Self.payoutHold
        let paidAt = order.paidAt ?? order.createdAt
        var payout = SeedPayout(
            amountMinor: order.subtotalMinor - order.subtotalMinor / 20, status: "pending", availableAt: availableAt,
            attempts: 0, nextAttemptAt: availableAt, leaseExpiresAt: nil, providerPayoutID: nil, lastError: nil,
            createdAt: paidAt, updatedAt: paidAt, requestedAt: nil, paidAt: nil
        )
        let elapsed = now - availableAt
        guard elapsed >= 0, !due else { return payout }
        guard uploaded else {
            payout.status = "on_hold"
            payout.lastError = "ticket was never uploaded"
            payout.updatedAt = availableAt
            return payout
        }
        var outcome = rng.weighted([("paid", 0.6), ("requested", 0.1), ("pending", 0.12), ("retrying", 0.06), ("failed", 0.06), ("on_hold", 0.06)])
        if outcome == "paid", elapsed < 2 * Self.hour { outcome = "requested" }
        let requestedAt = availableAt + rng.int(in: 0...min(Self.hour, elapsed / 2))
        switch outcome {
        case "paid":
            payout.status = "paid"
            payout.attempts = 1
            payout.providerPayoutID = "po_seed_\(rng.hex())"
            payout.requestedAt = requestedAt
            payout.paidAt = requestedAt + rng.int(in: 10 * Self.minute...max(10 * Self.minute, (now - requestedAt) / 2))
            payout.nextAttemptAt = payout.paidAt ?? requestedAt
            payout.updatedAt = payout.nextAttemptAt
        case "requested":
            payout.status = "requested"
            payout.attempts = rng.int(in: 1...3)
            payout.providerPayoutID = "po_seed_\(rng.hex())"
            payout.requestedAt = requestedAt
            payout.nextAttemptAt = rng.chance(0.7) ? now - rng.int(in: 0...30 * Self.minute) : now + rng.int(in: Self.minute...30 * Self.minute)
            if rng.chance(0.1) { payout.leaseExpiresAt = payout.nextAttemptAt }  // left by a killed run
            payout.updatedAt = min(now, max(requestedAt, payout.nextAttemptAt - 30 * Self.minute))
        case "retrying":
            payout.attempts = rng.int(in: 1...3)
            payout.lastError = "payout provider returned HTTP 503"
            payout.nextAttemptAt = now + rng.int(in: -30 * Self.minute...Self.hour)
            payout.updatedAt = max(availableAt, now - rng.int(in: Self.minute...Self.hour))
        case "failed":
            payout.status = "failed"
            payout.attempts = 1
            payout.providerPayoutID = "po_seed_\(rng.hex())"
            payout.requestedAt = requestedAt
            payout.lastError = "payout provider: destination account closed"
            payout.updatedAt = min(now, requestedAt + Self.hour)
        case "on_hold":
            payout.status = "on_hold"
            payout.attempts = 5
            payout.lastError = "payout provider unavailable after 5 attempts"
            payout.updatedAt = min(now, requestedAt + 6 * Self.hour)
        default:
            break  // pending and due: attempts 0, next_attempt_at = available_at
        }
        return payout
    }
}
