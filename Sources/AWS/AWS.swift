/// # AWS
///
/// A small signed client for the AWS APIs that `cronjob` calls. No maintained Swift AWS SDK (Soto,
/// aws-sdk-swift) can be resolved on the machines that build this project (neither is in the package mirror),
/// so this module is our own, kept to what the tool needs:
///
/// - `SigV4Signer`: Signature Version 4 (HMAC-SHA256 from swift-crypto), checked against AWS's test-suite vectors;
/// - `CredentialChain`: the SDKs' default credential chain (environment, shared files with `credential_process`,
///   ECS container credentials, EC2 IMDSv2), refreshing temporary credentials before they expire;
/// - `AWSRegion` and `AWSEndpoints`: region and endpoint resolution from the usual variables;
/// - `AWSJSONClient`: the awsJson1_1 protocol (ECS, CloudWatch Logs) with retries on throttling and 5xx;
/// - `AWSQueryClient`: the Query protocol (CloudFormation): form-encoded requests, XML answers read by `XMLReader`;
/// - typed request/response pairs for the calls `cronjob invoke` makes.
///
/// Behaviour follows aws-sdk-go-v2 (`config`, `credentials`, `aws/retry`) and botocore (`auth.py`,
/// `credentials.py`); the code is ours. Nothing here prints or describes a secret key, a session token or a signature.
public enum AWSService: String, Sendable, CaseIterable {
    case ecs
    case logs
    /// Query protocol (form-encoded request, XML answer): see `AWSQueryClient`.
    case cloudformation

    /// The name in the SigV4 credential scope.
    public var signingName: String { rawValue }

    /// The X-Amz-Target prefix of the service's awsJson1_1 operations.
    public var targetPrefix: String {
        switch self {
        case .ecs: "AmazonEC2ContainerServiceV20141113"
        case .logs: "Logs_20140328"
        case .cloudformation: ""
        }
    }

    /// The suffix of `AWS_ENDPOINT_URL_<SERVICE>` (the service id, upper snake case) and the profile's
    /// `services` section key.
    public var endpointVariableSuffix: String {
        switch self {
        case .ecs: "ECS"
        case .logs: "CLOUDWATCH_LOGS"
        case .cloudformation: "CLOUDFORMATION"
        }
    }

    /// The key of the service in a config file's `[services NAME]` section.
    public var configKey: String {
        switch self {
        case .ecs: "ecs"
        case .logs: "cloudwatch_logs"
        case .cloudformation: "cloudformation"
        }
    }

    public var displayName: String {
        switch self {
        case .ecs: "ECS"
        case .logs: "CloudWatch Logs"
        case .cloudformation: "CloudFormation"
        }
    }
}
