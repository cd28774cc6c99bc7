import Foundation
import HTTP
import Jobs
import Runner
import Testing
import TestSupport

@Suite("HTTP client concurrency limit")
struct HTTPClientConcurrencyTests {
    @Test func send_boundedConcurrency_honorsTheLimit() async throws {
        let sandbox = try await HTTPTestKit.sandbox(["--latency", "100"])
        defer { sandbox.stop() }
        let http = HTTPTestKit.client(concurrency: 4)
        let payments = HTTPTestKit.payments(http, sandbox)

        let elapsed = try await HTTPTestKit.seconds {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { _ = try await payments.payment(id: "pay_\(index)") }
                }
                try await group.waitForAll()
            }
        }

        // 20 requests of 100 ms, 4 at a time: 5 waves, about 500 ms. Unbounded it would take about 100 ms.
        #expect(elapsed >= 0.48, "took \(elapsed)s: more than 4 requests ran at once")
        // Loose: a loaded 2-core machine runs many sandboxes at once; maxInFlight below proves the parallelism.
        #expect(elapsed < 5.0, "took \(elapsed)s")
        let stats = try await sandbox.stats()
        #expect(stats.count("GET /v1/payments/{id}") == 20)
        #expect(stats.maxInFlight <= 4)
        #expect(stats.maxInFlight >= 3)
    }

    @Test func limiter_neverAdmitsMoreThanItsLimit() async throws {
        let limiter = ConcurrencyLimiter(limit: 3)
        let gauge = Gauge()

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await limiter.withSlot {
                        gauge.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }

        #expect(gauge.peak == 3)
    }

    @Test func limiter_cancelledWaiter_leavesWithoutASlot() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()

        await #expect(throws: CancellationError.self) { try await waiter.value }
        limiter.release()
        // The slot went back to the pool, not to the cancelled waiter.
        try await limiter.acquire()
        limiter.release()
    }
}

/// Counts holders at once.
final class Gauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0

    func enter() {
        lock.withLock {
            current += 1
            peak = max(peak, current)
        }
    }

    func leave() { lock.withLock { current -= 1 } }
}
