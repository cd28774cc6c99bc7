/// The deterministic dataset: every row is a pure function of (seed, plan, now, id), so each table is
/// generated on its own as a stream, and the same inputs give the same rows on every machine.
struct SeedWorld: Sendable {
    let plan: SeedPlan
    let seed: UInt64
    /// `now` in whole seconds since 1970; every generated time is an offset from it.
    let now: Int

    static let minute = 60
    static let hour = 3600
    static let day = 86_400
    /// How long after an event ends a seller's payout becomes available (the dispute window).
    static let payoutHold = 2 * day

    func random(_ stream: SeedStream, _ index: Int) -> SeedRandom {
        SeedRandom(seed: seed, stream: stream, index: index)
    }

    func user(_ id: Int) -> SeedUser {
        var rng = random(.user, id)
        let pushToken = rng.chance(Self.pushShare) ? "push-\(rng.hex())" : nil
        let first = rng.pick(SeedNames.firstNames)
        let last = rng.pick(SeedNames.lastNames)
        let locale = rng.weighted([("es-UY", 0.8), ("es-AR", 0.1), ("en-US", 0.1)])
        return SeedUser(
            id: id, email: "\(first.lowercased()).\(last.ascii)\(id)@example.com",
            displayName: "\(first) \(last.display)", locale: locale, pushToken: pushToken,
            createdAt: now - rng.int(in: 30 * Self.day...900 * Self.day)
        )
    }

    static let pushShare = 0.4

    /// Whether `user(id)` has a push token, without building the user (its first draw decides it).
    func hasPushToken(_ id: Int) -> Bool {
        var rng = random(.user, id)
        return rng.chance(Self.pushShare)
    }

    func event(_ id: Int) -> SeedEvent {
        var rng = random(.event, id)
        let timing = EventTiming.of(event: id)
        let startsAt: Int
        switch timing {
        case .settled: startsAt = now - rng.int(in: 7 * Self.day...120 * Self.day)
        case .recent: startsAt = now - rng.int(in: 3 * Self.hour...6 * Self.day)
        case .near: startsAt = now + rng.int(in: 30 * Self.minute...71 * Self.hour)
        case .soon: startsAt = now + rng.int(in: 73 * Self.hour...7 * Self.day)
        case .far: startsAt = now + rng.int(in: 8 * Self.day...180 * Self.day)
        }
        let roundedStart = startsAt - startsAt % (15 * Self.minute)
        let isFestival = rng.chance(0.1)
        let length = isFestival ? rng.int(in: 1...3) * Self.day : rng.int(in: 2...5) * Self.hour
        let (venue, city) = rng.pick(SeedNames.venues)
        let name = "\(rng.pick(SeedNames.artists)) — \(rng.pick(isFestival ? SeedNames.festivals : SeedNames.shows))"
        return SeedEvent(
            id: id, name: name, venue: venue, city: city,
            startsAt: roundedStart, endsAt: roundedStart + length,
            cancelled: timing == .far && rng.chance(0.08),
            createdAt: min(roundedStart, now) - rng.int(in: 30 * Self.day...200 * Self.day)
        )
    }

    /// A random event with one of `timings`, never a cancelled one (bulk work must be live work).
    func liveEvent(_ timings: [EventTiming], _ rng: inout SeedRandom) -> SeedEvent {
        let positions = EventTiming.cycle.indices.filter { timings.contains(EventTiming.cycle[$0]) }
        let cycles = plan.events / EventTiming.cycle.count
        while true {
            let id = rng.int(in: 0...(cycles - 1)) * EventTiming.cycle.count + rng.pick(positions) + 1
            let event = event(id)
            if !event.cancelled { return event }
        }
    }

    /// A buyer other than `seller`.
    func buyer(for seller: Int, _ rng: inout SeedRandom) -> Int {
        let buyer = rng.int(in: 1...plan.users)
        return buyer == seller ? buyer % plan.users + 1 : buyer
    }
}
