/// A failure a job reports on purpose, with the exit code it maps to.
public struct JobError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// An external provider was unavailable beyond the job's tolerance (exit 69).
        case providerUnavailable
        /// An external provider refused our credentials (401/403): its token or URL is wrong (exit 78).
        case providerUnauthorized
        /// Retry later: nothing was lost (exit 75).
        case temporaryFailure
        /// Unexpected failure (exit 1).
        case failed
    }

    public var code: Code
    /// Safe to print: no secrets, no personal data.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
