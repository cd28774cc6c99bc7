import Foundation
import Testing
@testable import Schedules

@Suite("schedules.yaml: listing")
struct ScheduleFileListingTests {
    static let from = Date(timeIntervalSince1970: 1_748_779_200) // 2025-06-01T12:00:00Z

    private func listing(_ yaml: String = ScheduleFileFixtures.valid, count: Int = 3) throws -> (ScheduleFile, ScheduleListing) {
        let file = try #require(ScheduleFileFixtures.load(yaml).0?.file)
        return (file, ScheduleListing(file: file, environments: file.environments, from: Self.from, count: count))
    }

    /// What the expression itself says, for comparison with what the listing shows.
    private func expectedTimes(_ expression: ScheduleExpression, count: Int) -> [String] {
        var times: [String] = []
        var cursor = Self.from
        while times.count < count, let next = expression.nextFireTime(after: cursor) {
            times.append(ISO8601DateFormatter().string(from: next))
            cursor = next
        }
        return times
    }

    @Test func listing_resolvesEachJobPerEnvironment() throws {
        let (file, listing) = try listing(ScheduleFileFixtures.valid.insertingLines(after: 25, "    cpu: 1024\n    memory: 4GB"))
        #expect(listing.file == "schedules.yaml")
        #expect(listing.from == "2025-06-01T12:00:00Z")
        let staging = try #require(listing.environments.first)
        #expect(staging.name == "staging" && staging.account == "123456789012" && staging.cluster == "cronjob-staging")
        #expect(staging.jobs.map(\.name) == ["sync-payments", "check-payout"])
        let sync = staging.jobs[0]
        #expect(sync.schedule == "rate(5 minutes)")
        #expect(sync.meaning == file.jobs[0].schedule.meaning)
        #expect(sync.next == expectedTimes(file.jobs[0].schedule, count: 3))
        #expect((sync.cpu, sync.memory, sync.timeout, sync.timeoutSeconds) == (1024, 4096, "4m", 240))
        #expect((sync.concurrency, sync.parallelism, sync.retries, sync.stopTimeoutSeconds, sync.enabled) == ("forbid", 1, 2, 60, true))
        #expect((staging.jobs[1].cpu, staging.jobs[1].memory) == (256, 512))
    }

    @Test func listing_disabledJob_hasNoFireTimes() throws {
        let (_, listing) = try listing(ScheduleFileFixtures.valid.insertingLines(after: 25, "    enabled: false"))
        let sync = try #require(listing.environments.first?.jobs.first)
        #expect(!sync.enabled)
        #expect(sync.next.isEmpty)
        let row = try #require(listing.table().split(separator: "\n").first { $0.hasPrefix("sync-payments") })
        #expect(row.hasSuffix("  no"))
    }

    @Test func fireTimes_followTheExpressionAndStopAtCount() throws {
        let expression = try ScheduleExpression(parsing: "rate(5 minutes)")
        #expect(ScheduleListing.fireTimes(of: expression, after: Self.from, count: 4) == expectedTimes(expression, count: 4))
        #expect(ScheduleListing.fireTimes(of: expression, after: Self.from, count: 0).isEmpty)
    }

    @Test func table_alignsColumnsUnderTheirHeaders() throws {
        let (_, listing) = try listing()
        let lines = listing.table().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "schedules.yaml: fire times after 2025-06-01T12:00:00Z")
        #expect(lines[2] == "environment staging: account 123456789012, region sa-east-1, cluster cronjob-staging")
        let header = lines[3]
        #expect(header.hasPrefix("JOB "))
        let scheduleColumn = try #require(header.range(of: "SCHEDULE")).lowerBound.utf16Offset(in: header)
        let timeoutColumn = try #require(header.range(of: "TIMEOUT")).lowerBound.utf16Offset(in: header)
        for line in lines where line.hasPrefix("sync-payments") || line.hasPrefix("check-payout") {
            #expect(String(line.dropFirst(scheduleColumn)).hasPrefix(line.hasPrefix("sync") ? "rate(5 minutes)" : "cron(30 * * * ? *)"))
            #expect(String(line.dropFirst(timeoutColumn)).hasPrefix("4m"))
        }
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test func json_hasSortedSnakeCaseKeysAndRoundTrips() throws {
        let (_, listing) = try listing()
        let json = try listing.json()
        #expect(json.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["file", "from", "environments"])
        let job = try #require(((object["environments"] as? [[String: Any]])?.first?["jobs"] as? [[String: Any]])?.first)
        #expect(Set(job.keys) == [
            "name", "description", "schedule", "meaning", "next", "cpu", "memory", "timeout", "timeout_seconds",
            "concurrency", "parallelism", "retries", "stop_timeout_seconds", "enabled",
        ])
        // Sorted keys: the text is stable from one run to the next.
        let keyOrder = ["\"concurrency\"", "\"cpu\"", "\"description\"", "\"enabled\"", "\"meaning\"", "\"memory\""]
            .compactMap { json.range(of: $0)?.lowerBound }
        #expect(keyOrder.count == 6 && keyOrder == keyOrder.sorted())
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(ScheduleListing.self, from: Data(json.utf8)) == listing)
        #expect(json == (try (try self.listing()).1.json()))
    }

    @Test func requireEnvironment_namesTheOnesThatExist() throws {
        let (file, _) = try listing()
        #expect(throws: Never.self) { try file.requireEnvironment(named: "staging").get() }
        #expect(throws: UnknownEnvironmentError(name: "stagin", known: ["staging"], suggestion: "staging", file: "schedules.yaml")) {
            try file.requireEnvironment(named: "stagin").get()
        }
        #expect(UnknownEnvironmentError(name: "prod", known: ["staging", "production"], suggestion: "production", file: "s.yaml")
            .description == "unknown environment 'prod'; did you mean 'production'? environments in s.yaml: staging, production")
    }
}
