/// Everything resolved once per command from the environment: profile, region, endpoints, credential chain.
public struct AWSSession: Sendable {
    public let region: String
    public let profileName: String
    public let clients: AWSClients
    /// CloudFormation over the Query protocol (`cronjob diff` and `deploy`).
    public let cloudFormation: CloudFormationClient

    /// `variables` is the process environment (tests pass their own); `regionFlag` is `--region`;
    /// `fallbackRegion` comes last (the environment's region in schedules.yaml).
    public init(
        variables: [String: String], regionFlag: String?, fallbackRegion: String?,
        onRetry: (@Sendable (String, AWSError, Duration) -> Void)? = nil
    ) throws(AWSError) {
        let named = variables["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        profileName = named ?? "default"
        let files = SharedConfigFiles(variables: variables)
        let profile = files.profile(profileName)
        let services = files.services(for: profile)
        region = try AWSRegion.resolve(flag: regionFlag, variables: variables, profile: profile, fallback: fallbackRegion)
        let chain = CredentialChain.default(variables: variables)
        let retry = AWSRetryPolicy.from(variables: variables)
        var ecs = AWSJSONClient(
            service: .ecs, region: region,
            endpoint: try AWSEndpoints.resolve(.ecs, region: region, variables: variables, profile: profile, services: services),
            credentials: chain, retry: retry)
        var logs = AWSJSONClient(
            service: .logs, region: region,
            endpoint: try AWSEndpoints.resolve(.logs, region: region, variables: variables, profile: profile, services: services),
            credentials: chain, retry: retry)
        ecs.onRetry = onRetry
        logs.onRetry = onRetry
        clients = AWSClients(ecs: ecs, logs: logs)
        var query = AWSQueryClient(
            service: .cloudformation, region: region,
            endpoint: try AWSEndpoints.resolve(.cloudformation, region: region, variables: variables, profile: profile, services: services),
            version: CloudFormationClient.apiVersion, credentials: chain, retry: retry)
        query.onRetry = onRetry
        cloudFormation = CloudFormationClient(query: query)
    }
}
