/// Requests that reached the handler: per route, per Idempotency-Key, per answered status.
struct SandboxStats: Sendable {
    var total = 0
    var routes = [Int](repeating: 0, count: SandboxRoute.allCases.count)
    var keys: [String: Int] = [:]
    /// Keys not tracked because `maxTrackedKeys` was reached (the benchmark sends millions).
    var keysDropped = 0
    var statuses: [Int: Int] = [:]
    /// Most provider requests in flight at once: how tests see a client's concurrency limit.
    var maxInFlight = 0

    mutating func count(_ route: SandboxRoute, key: String?, maxTrackedKeys: Int) {
        total += 1
        routes[route.rawValue] += 1
        guard let key else { return }
        if let count = keys[key] {
            keys[key] = count + 1
        } else if keys.count < maxTrackedKeys {
            keys[key] = 1
        } else {
            keysDropped += 1
        }
    }

    /// The `GET /_admin/stats` document.
    var json: StatsDocument {
        StatsDocument(
            total: total,
            routes: Dictionary(uniqueKeysWithValues: SandboxRoute.allCases.map { ($0.name, routes[$0.rawValue]) }),
            keys: keys, keysDropped: keysDropped, maxInFlight: maxInFlight,
            statuses: Dictionary(uniqueKeysWithValues: statuses.map { (String($0.key), $0.value) }))
    }
}

struct StatsDocument: Codable, Sendable {
    var total: Int
    var routes: [String: Int]
    var keys: [String: Int]
    var keysDropped: Int
    var maxInFlight: Int
    var statuses: [String: Int]

    enum CodingKeys: String, CodingKey {
        case total, routes, keys, statuses, keysDropped = "keys_dropped", maxInFlight = "max_in_flight"
    }
}
