import Postgres
import Runner
import Testing

struct EmptyConfigurationJob: Job {
    static let name = "first"
    static let summary = "test"
    static let defaultTimeout = Duration.seconds(1)
    init(configuration: Configuration) throws {}
    func run(_ context: JobContext) async throws {}
}

struct SameNameJob: Job {
    static let name = "first"
    static let summary = "test"
    static let defaultTimeout = Duration.seconds(1)
    init(configuration: Configuration) throws {}
    func run(_ context: JobContext) async throws {}
}

@Suite("Exit-code classification and registry")
struct RunFailureTests {
    @Test func registry_refusesDuplicateNames() throws {
        #expect(throws: RegistryError.self) { try JobRegistry([EmptyConfigurationJob.self, SameNameJob.self]) }
        #expect(try JobRegistry([EmptyConfigurationJob.self]).names == ["first"])
    }

    @Test func classify_mapsEveryErrorToTheTable() {
        #expect(RunFailure.classify(JobInterruption.deadlineReached).exitCode == 124)
        #expect(RunFailure.classify(JobInterruption.stopped(signal: 15)).exitCode == 143)
        #expect(RunFailure.classify(JobInterruption.stopped(signal: 2)).exitCode == 130)
        #expect(RunFailure.classify(ConfigurationError(variable: "X", problem: "is not set")).exitCode == 78)
        #expect(RunFailure.classify(JobError(.providerUnavailable, "payments API down")).exitCode == 69)
        #expect(RunFailure.classify(JobError(.temporaryFailure, "retry")).exitCode == 75)
        #expect(RunFailure.classify(JobError(.failed, "bad")).exitCode == 1)
        struct Unexpected: Error {}
        #expect(RunFailure.classify(Unexpected()).exitCode == 1)
    }

    @Test func classify_databaseErrorsBySQLState() {
        let serialization = PostgresError(kind: .server, sqlState: .serializationFailure, message: "could not serialize access")
        #expect(RunFailure.classify(serialization).exitCode == 75)
        let lost = PostgresError(kind: .connection, sqlState: nil, message: "server closed the connection unexpectedly")
        #expect(RunFailure.classify(lost).exitCode == 75)
        let password = PostgresError(kind: .connection, sqlState: .invalidPassword, message: "password authentication failed")
        #expect(RunFailure.classify(password).exitCode == 78)
        let unique = PostgresError(kind: .server, sqlState: .uniqueViolation, message: "duplicate key")
        #expect(RunFailure.classify(unique).exitCode == 1)
    }

    @Test func advisoryLockKey_isStableAndDistinct() {
        #expect(AdvisoryLockKey.forJob("sync-payments") == AdvisoryLockKey.forJob("sync-payments"))
        #expect(AdvisoryLockKey.forJob("sync-payments") != AdvisoryLockKey.forJob("check-payout"))
    }
}
