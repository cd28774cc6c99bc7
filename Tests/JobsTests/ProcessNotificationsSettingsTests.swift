import Foundation
import Runner
import Testing
@testable import Jobs

@Suite struct ProcessNotificationsSettingsTests {
    @Test func settings_defaults() throws {
        let settings = try ProcessNotificationsSettings(configuration: Configuration([:]))
        #expect(settings == ProcessNotificationsSettings())
        #expect(settings.batchSize == 200 && settings.lease == .seconds(120) && settings.maxAttempts == 8)
        #expect(settings.backoffBase == .seconds(30) && settings.backoffMax == .seconds(21_600) && settings.sendWindow == .seconds(90))
    }

    @Test(arguments: [
        ("PROCESS_NOTIFICATIONS_BATCH_SIZE", "0"), ("PROCESS_NOTIFICATIONS_BATCH_SIZE", "x"),
        ("PROCESS_NOTIFICATIONS_LEASE", "500ms"), ("PROCESS_NOTIFICATIONS_MAX_ATTEMPTS", "0"),
        ("PROCESS_NOTIFICATIONS_BACKOFF_BASE", "0s"), ("PROCESS_NOTIFICATIONS_BACKOFF_MAX", "1s"),
        ("PROCESS_NOTIFICATIONS_UNAVAILABLE_BATCHES", "0"),
    ])
    func settings_invalidValue_namesTheVariable(variable: String, value: String) {
        #expect {
            _ = try ProcessNotificationsSettings(configuration: Configuration([variable: value]))
        } throws: { ($0 as? ConfigurationError)?.variable == variable }
    }

    @Test func job_missingProviderURL_isAConfigurationError() {
        #expect {
            _ = try ProcessNotifications(configuration: Configuration(["PUSH_API_URL": "http://x", "PUSH_API_TOKEN": "t"]))
        } throws: { ($0 as? ConfigurationError)?.variable == "EMAIL_API_URL" }
    }

    @Test func backoff_doublesPerAttemptWithinEqualJitterAndCaps() {
        let settings = ProcessNotificationsSettings(backoffBase: .seconds(30), backoffMax: .seconds(300))
        var generator = SystemRandomNumberGenerator()
        for (attempt, ceiling) in [(1, 30), (2, 60), (3, 120), (4, 240), (5, 300), (30, 300)] {
            for _ in 0..<50 {
                let wait = settings.backoff(afterAttempt: attempt, using: &generator)
                #expect(wait >= .seconds(ceiling) / 2 && wait <= .seconds(ceiling), "attempt \(attempt)")
            }
        }
    }
}
