/// Every failure of this module: what kind, the AWS error name when AWS answered with one, and a message that is
/// safe to print (it never holds a secret key, a session token or a signature).
public struct AWSError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// No credential source produced credentials, or one was misconfigured.
        case noCredentials
        /// Region missing or malformed endpoint configuration.
        case configuration
        /// AWS refused the call (4xx): access denied, unknown cluster or task definition, bad parameters.
        case refused
        /// Throttled or 5xx beyond the retry budget.
        case unavailable
        /// The endpoint could not be reached or answered something that is not the protocol.
        case transport
    }

    public var kind: Kind
    /// The AWS error name (`__type` without its `prefix#`), e.g. `AccessDeniedException`.
    public var code: String?
    public var message: String
    /// The HTTP status, when an answer came.
    public var status: Int?
    /// The operation, e.g. `ecs:RunTask`.
    public var operation: String?

    public init(_ kind: Kind, code: String? = nil, message: String, status: Int? = nil, operation: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.status = status
        self.operation = operation
    }

    /// sysexits: refusals and configuration are 78 (EX_CONFIG), an unreachable or overloaded AWS is 69.
    public var exitCode: Int32 {
        switch kind {
        case .noCredentials, .configuration, .refused: 78
        case .unavailable, .transport: 69
        }
    }

    public var description: String {
        var text = operation.map { "\($0): " } ?? ""
        if let code { text += "\(code): " }
        text += message
        if let status, code == nil { text += " (HTTP \(status))" }
        return text
    }

    /// Error names that mean "slow down": retried with backoff (aws-sdk-go-v2 `retry.DefaultThrottleErrorCodes`).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Names that are transient whatever the status (`retry.DefaultRetryableErrorCodes`).
    public static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "ServerException", "ServiceUnavailable", "InternalFailure"]
}
