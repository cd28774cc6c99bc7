import Foundation
import HTTP

extension HTTPClientConfiguration {
    /// Reads HTTP_CONCURRENCY, HTTP_TIMEOUT, HTTP_MAX_ATTEMPTS, HTTP_RETRY_BASE_DELAY, HTTP_RETRY_MAX_DELAY,
    /// HTTP_MAX_RETRY_AFTER, HTTP_RETRY_BUDGET and HTTP_TRANSPORT; unset ones keep their defaults.
    public init(_ configuration: Configuration) throws(ConfigurationError) {
        let defaults = HTTPClientConfiguration()
        let retry = HTTPRetryPolicy(
            maxAttempts: try configuration.int("HTTP_MAX_ATTEMPTS", default: defaults.retry.maxAttempts, range: 1...20),
            baseDelay: try configuration.duration("HTTP_RETRY_BASE_DELAY", default: defaults.retry.baseDelay),
            maxDelay: try configuration.duration("HTTP_RETRY_MAX_DELAY", default: defaults.retry.maxDelay),
            maxRetryAfter: try configuration.duration("HTTP_MAX_RETRY_AFTER", default: defaults.retry.maxRetryAfter),
            budget: try configuration.duration("HTTP_RETRY_BUDGET", default: defaults.retry.budget)
        )
        let timeout = try configuration.duration("HTTP_TIMEOUT", default: defaults.requestTimeout, maximum: .seconds(3600))
        guard timeout > .zero else { throw ConfigurationError(variable: "HTTP_TIMEOUT", problem: "must be longer than 0s") }
        var transport = defaults.transport
        if let name = configuration.get("HTTP_TRANSPORT") {
            guard let kind = HTTPTransportKind(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ConfigurationError(
                    variable: "HTTP_TRANSPORT",
                    problem: "must be one of \(HTTPTransportKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            transport = kind
        }
        self.init(
            concurrency: try configuration.int("HTTP_CONCURRENCY", default: defaults.concurrency, range: 1...512),
            requestTimeout: timeout, retry: retry, transport: transport)
    }
}
