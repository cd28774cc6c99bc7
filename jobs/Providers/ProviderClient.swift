import HTTP
import Runner

/// The shape of every provider client: which provider it is (its name and the variables that configure it), the
/// run's shared `HTTPClient` and the provider's endpoint. A new provider adds a type, its `identity` and its calls.
public protocol ProviderClient: Sendable {
    /// The provider's short name for messages and the names of its URL and token variables.
    static var identity: ProviderIdentity { get }

    var http: HTTPClient { get }
    var endpoint: ProviderEndpoint { get }

    init(http: HTTPClient, endpoint: ProviderEndpoint)
}

extension ProviderClient {
    /// e.g. `PAYMENTS_API_URL`.
    public static var urlVariable: String { identity.urlVariable }
    /// e.g. `PAYMENTS_API_TOKEN`.
    public static var tokenVariable: String { identity.tokenVariable }

    /// Reads the endpoint from `urlVariable` and `tokenVariable`; a missing or bad value names the variable (exit 78).
    public static func endpoint(from configuration: Configuration) throws(ConfigurationError) -> ProviderEndpoint {
        try ProviderEndpoint(configuration: configuration, urlVariable: urlVariable, tokenVariable: tokenVariable)
    }
}
