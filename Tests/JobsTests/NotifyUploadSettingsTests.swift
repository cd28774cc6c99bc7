import Runner
import Testing

@testable import Jobs

@Suite struct NotifyUploadSettingsTests {
    @Test func settings_emptyEnvironment_usesDocumentedDefaults() throws {
        let settings = try NotifyUploadSettings(configuration: Configuration([:]))
        #expect(settings.window == .seconds(72 * 3600))
        #expect(settings.maxReminders == 3)
        #expect(settings.reminderInterval == .seconds(12 * 3600))
        #expect(settings.escalationBefore == .seconds(6 * 3600))
        #expect(settings.opsEmail == nil)
        #expect(settings.batchSize == 500)
        #expect(settings == NotifyUploadSettings())
    }

    @Test func settings_everyVariableSet_readsEach() throws {
        let settings = try NotifyUploadSettings(configuration: Configuration([
            "NOTIFY_UPLOAD_WINDOW": "2d", "NOTIFY_UPLOAD_MAX_REMINDERS": "5", "NOTIFY_UPLOAD_REMINDER_INTERVAL": "90m",
            "NOTIFY_UPLOAD_ESCALATION_BEFORE": "0", "NOTIFY_UPLOAD_OPS_EMAIL": "ops@example.com", "NOTIFY_UPLOAD_BATCH_SIZE": "50",
        ]))
        #expect(settings == NotifyUploadSettings(
            window: .seconds(2 * 86_400), maxReminders: 5, reminderInterval: .seconds(90 * 60),
            escalationBefore: .zero, opsEmail: "ops@example.com", batchSize: 50
        ))
    }

    @Test(arguments: [
        ("NOTIFY_UPLOAD_WINDOW", "soon"),
        ("NOTIFY_UPLOAD_WINDOW", "0"),
        ("NOTIFY_UPLOAD_MAX_REMINDERS", "-1"),
        ("NOTIFY_UPLOAD_MAX_REMINDERS", "three"),
        ("NOTIFY_UPLOAD_REMINDER_INTERVAL", "12 hours"),
        ("NOTIFY_UPLOAD_ESCALATION_BEFORE", "73h"),
        ("NOTIFY_UPLOAD_OPS_EMAIL", "ops team"),
        ("NOTIFY_UPLOAD_BATCH_SIZE", "0"),
        ("NOTIFY_UPLOAD_BATCH_SIZE", "1000000"),
    ])
    func settings_malformedValue_throwsNamingTheVariable(variable: String, value: String) {
        #expect {
            _ = try NotifyUploadSettings(configuration: Configuration([variable: value]))
        } throws: { error in
            (error as? ConfigurationError)?.variable == variable
        }
    }

    @Test func job_initFromConfiguration_throwsConfigurationError() {
        #expect(throws: ConfigurationError.self) {
            _ = try NotifyUpload(configuration: Configuration(["NOTIFY_UPLOAD_WINDOW": "-5m"]))
        }
    }

    @Test func registry_listsNotifyUpload() {
        #expect(JobRegistry.all.job(named: "notify-upload").map(ObjectIdentifier.init) == ObjectIdentifier(NotifyUpload.self))
        #expect(NotifyUpload.name == "notify-upload")
    }
}
