import ArgumentParser
import Grammar
import Jobs
import Runner

/// The checks `run` and `invoke` share: both start a registered job by name, with an optional `--timeout`.
enum JobFlags {
    static func validate(job: String, timeout: String?) throws(ValidationError) {
        guard JobRegistry.all.job(named: job) != nil else {
            throw ValidationError("unknown job '\(job)'; known jobs: \(JobRegistry.all.names.joined(separator: ", "))")
        }
        if let timeout, DurationGrammar.parse(timeout) == nil || DurationGrammar.parse(timeout) == .zero {
            throw ValidationError("--timeout '\(timeout)' is not a duration like 30s, 5m or 1h30m (at most 366d)")
        }
    }
}
