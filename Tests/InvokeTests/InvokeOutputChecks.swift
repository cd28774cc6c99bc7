import Foundation
import Testing
import TestSupport

/// What no invoke output may contain: the secret access key, session tokens, signatures, the database password.
enum InvokeOutputChecks {
    static func expectNoSecrets(_ output: ProcessOutput, fixture: InvokeFixture, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = output.combined
        #expect(!text.contains(InvokeFixture.secretAccessKey), "secret access key in output", sourceLocation: sourceLocation)
        #expect(!text.contains(InvokeFixture.paymentsToken), "a secret's value in output", sourceLocation: sourceLocation)
        #expect(!text.contains("Signature="), "a signature in output", sourceLocation: sourceLocation)
        #expect(!text.contains("X-Amz-Security-Token"), "a session token header in output", sourceLocation: sourceLocation)
        #expect(!text.contains("IQoJ"), "a session token the emulator issued (they start with IQoJ)", sourceLocation: sourceLocation)
        if let password = URLComponents(string: fixture.database.url)?.password {
            #expect(!text.contains(password), "database password in output", sourceLocation: sourceLocation)
        }
    }

    /// The task ARN from `cronjob: started ARN (...)`.
    static func taskArn(_ output: ProcessOutput) -> String? {
        output.stderr.split(separator: "\n").first { $0.hasPrefix("cronjob: started ") }
            .flatMap { $0.split(separator: " ").dropFirst(2).first.map(String.init) }
    }
}
