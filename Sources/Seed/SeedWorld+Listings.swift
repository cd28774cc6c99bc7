/// What happened to a listing, chosen per listing from its event's timing.
enum ListingStory: Equatable {
    case onSale, withdrawn, refunded
    /// An order awaits payment; `stale` payments have been pending for hours (sync-payments expires them).
    case reserved(stale: Bool, due: Bool)
    case sold(uploaded: Bool)
}

extension SeedWorld {
    func listing(_ id: Int) -> SeedListing {
        let (segment, index) = plan.segment(ofListing: id)
        var rng: SeedRandom
        let event: SeedEvent
        let story: ListingStory
        switch segment {
        case .demo:
            rng = random(.listing, id)
            event = self.event((id - 1) / SeedPlan.listingsPerEvent + 1)
            story = Self.demoStory(for: event, timing: EventTiming.of(event: event.id), &rng)
        case .pendingPayment:
            rng = random(.bulkPayment, index)
            event = liveEvent([.near, .soon], &rng)
            story = .reserved(stale: false, due: true)
        case .pendingUpload:
            rng = random(.bulkUpload, index)
            event = liveEvent([.near], &rng)
            story = .sold(uploaded: false)
        case .duePayout:
            rng = random(.bulkPayout, index)
            event = liveEvent([.settled], &rng)
            story = .sold(uploaded: true)
        }
        return listing(id, event: event, story: story, segment: segment, &rng)
    }

    static func demoStory(for event: SeedEvent, timing: EventTiming, _ rng: inout SeedRandom) -> ListingStory {
        if event.cancelled { return rng.weighted([(.refunded, 0.6), (.withdrawn, 0.4)]) }
        switch timing {
        case .settled, .recent:
            return rng.weighted([(.sold(uploaded: true), 0.68), (.sold(uploaded: false), 0.04), (.withdrawn, 0.23), (.refunded, 0.05)])
        case .near:
            return rng.weighted([
                (.sold(uploaded: true), 0.25), (.sold(uploaded: false), 0.25), (.reserved(stale: false, due: true), 0.07),
                (.reserved(stale: false, due: false), 0.03), (.reserved(stale: true, due: true), 0.05), (.onSale, 0.3), (.withdrawn, 0.05),
            ])
        case .soon, .far:
            return rng.weighted([
                (.sold(uploaded: true), 0.2), (.sold(uploaded: false), 0.15), (.reserved(stale: false, due: true), 0.07),
                (.reserved(stale: false, due: false), 0.03), (.reserved(stale: true, due: true), 0.05), (.onSale, 0.45), (.withdrawn, 0.05),
            ])
        }
    }

    private func listing(_ id: Int, event: SeedEvent, story: ListingStory, segment: ListingSegment, _ rng: inout SeedRandom) -> SeedListing {
        // Nothing before the event was created, nothing after the event started or after now.
        let horizon = min(now, event.startsAt) - Self.hour
        let createdAt = event.createdAt + Self.hour + rng.int(in: 0...((horizon - event.createdAt) * 6 / 10))
        let sellerID = rng.int(in: 1...plan.users)
        let inDollars = rng.chance(0.1)
        let price = inDollars ? rng.int(in: 4...60) * 500 : rng.int(in: 16...240) * 5000
        var listing = SeedListing(
            id: id, sellerID: sellerID, event: event, section: rng.pick(SeedNames.sections),
            seat: rng.chance(0.7) ? "\(rng.int(in: 1...40))-\(rng.int(in: 1...30))" : nil,
            priceMinor: price, currency: inDollars ? "USD" : "UYU", status: "on_sale",
            createdAt: createdAt, updatedAt: createdAt, orders: []
        )
        var lastActivity = createdAt
        if story != .refunded, rng.chance(0.2) {
            let failed = failedOrder(2 * id - 1, listing: listing, horizon: horizon, &rng)
            listing.orders.append(failed)
            lastActivity = failed.closedAt ?? lastActivity
        }
        switch story {
        case .onSale:
            listing.updatedAt = lastActivity
        case .withdrawn:
            listing.status = "withdrawn"
            listing.updatedAt = lastActivity + rng.int(in: Self.minute...max(Self.minute, (horizon - lastActivity) / 2))
        case .reserved(let stale, let due):
            listing.status = "reserved"
            let order = reservedOrder(2 * id, listing: listing, after: lastActivity, stale: stale, due: due, &rng)
            listing.updatedAt = order.createdAt
            listing.orders.append(order)
        case .sold(let uploaded):
            listing.status = "sold"
            let order = paidOrder(2 * id, listing: listing, after: lastActivity, horizon: horizon, uploaded: uploaded, segment: segment, &rng)
            listing.updatedAt = order.paidAt ?? order.createdAt
            listing.orders.append(order)
        case .refunded:
            listing.status = "withdrawn"
            var order = paidOrder(2 * id, listing: listing, after: lastActivity, horizon: horizon - 2 * Self.day, uploaded: rng.chance(0.5), segment: segment, &rng)
            let refundedAt = min(now - Self.minute, (order.paidAt ?? order.createdAt) + rng.int(in: Self.hour...10 * Self.day))
            order.status = "refunded"
            order.closedAt = refundedAt
            order.updatedAt = refundedAt
            order.payout = nil
            listing.updatedAt = refundedAt
            listing.orders.append(order)
        }
        return listing
    }

    func newOrder(_ id: Int, listing: SeedListing, createdAt: Int, _ rng: inout SeedRandom) -> SeedOrder {
        let fee = listing.priceMinor / 10
        let payment = SeedPayment(
            providerPaymentID: "pay_\(String(SeedRandom.mix(seed ^ UInt64(id)), radix: 36))_\(id)", status: "pending",
            createdAt: createdAt + 5, updatedAt: createdAt + 5, checkedAt: nil, checkAttempts: 0,
            nextCheckAt: createdAt + Self.minute, resolvedAt: nil, lastError: nil
        )
        return SeedOrder(
            id: id, buyerID: buyer(for: listing.sellerID, &rng), status: "pending_payment",
            subtotalMinor: listing.priceMinor, feeMinor: fee, currency: listing.currency,
            createdAt: createdAt, updatedAt: createdAt, paidAt: nil, closedAt: nil, payment: payment
        )
    }

    /// An attempt whose payment was rejected, cancelled by the buyer, or never completed.
    private func failedOrder(_ id: Int, listing: SeedListing, horizon: Int, _ rng: inout SeedRandom) -> SeedOrder {
        let createdAt = listing.createdAt + Self.hour + rng.int(in: 0...((horizon - listing.createdAt) * 3 / 10))
        var order = newOrder(id, listing: listing, createdAt: createdAt, &rng)
        let outcome = rng.weighted([("rejected", 0.45), ("cancelled", 0.25), ("expired", 0.3)])
        let closedAt = createdAt + rng.int(in: 10 * Self.minute...40 * Self.minute)
        order.status = outcome == "expired" ? "expired" : "cancelled"
        order.closedAt = closedAt
        order.updatedAt = closedAt
        order.payment.status = outcome
        order.payment.checkAttempts = rng.int(in: 1...8)
        order.payment.checkedAt = closedAt
        order.payment.nextCheckAt = closedAt
        order.payment.resolvedAt = closedAt
        order.payment.updatedAt = closedAt
        return order
    }

    private func reservedOrder(_ id: Int, listing: SeedListing, after: Int, stale: Bool, due: Bool, _ rng: inout SeedRandom) -> SeedOrder {
        let age = stale ? rng.int(in: 2 * Self.hour...48 * Self.hour) : rng.int(in: Self.minute...25 * Self.minute)
        let createdAt = max(after + Self.minute, now - age)
        var order = newOrder(id, listing: listing, createdAt: createdAt, &rng)
        let checks = stale ? rng.int(in: 10...60) : rng.int(in: 0...2)
        order.payment.checkAttempts = checks
        order.payment.checkedAt = checks == 0 ? nil : min(now - 30, createdAt + checks * Self.minute)
        order.payment.nextCheckAt = due ? now - rng.int(in: 0...(5 * Self.minute)) : now + rng.int(in: 30...(5 * Self.minute))
        order.payment.updatedAt = order.payment.checkedAt ?? order.payment.createdAt
        return order
    }
}
