import Runner
import Testing

@Suite("Redactor")
struct RedactorTests {
    @Test func redactsEverySecretVariableValue() {
        let configuration = Configuration([
            "DATABASE_URL": "postgresql://app:pw-123456@db/app", "PAYMENTS_API_TOKEN": "tok_live_abcdef",
            "PAYMENTS_API_URL": "http://127.0.0.1:8080",
        ])
        let redact = Redactor.forConfiguration(configuration, extra: ["pw-123456"])
        let text = redact("connecting to postgresql://app:pw-123456@db/app with tok_live_abcdef via http://127.0.0.1:8080")
        #expect(!text.contains("pw-123456"))
        #expect(!text.contains("tok_live_abcdef"))
        #expect(text.contains("http://127.0.0.1:8080"), "non-secret values stay readable")
    }

    @Test func ignoresTinySecrets() {
        #expect(Redactor(secrets: ["a", ""])("a banana") == "a banana")
    }

    @Test(arguments: ["PUSH_API_TOKEN", "DATABASE_URL", "DATABASE_SECRET", "PGPASSWORD", "SMTP_PASSWORD", "STRIPE_API_KEY"])
    func secretVariableNames(name: String) {
        #expect(Redactor.isSecretVariable(name))
    }

    @Test func plainVariableNamesAreNotSecret() {
        #expect(!Redactor.isSecretVariable("PAYMENTS_API_URL"))
        #expect(!Redactor.isSecretVariable("NOTIFY_UPLOAD_WINDOW"))
    }
}
