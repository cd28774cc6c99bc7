import HTTP

extension ProviderEndpoint {
    /// Reads `urlVariable` (an http(s) URL with a host) and `tokenVariable`; a missing or bad value names the variable.
    public init(configuration: Configuration, urlVariable: String, tokenVariable: String) throws(ConfigurationError) {
        let text = try configuration.require(urlVariable)
        guard let url = Self.validURL(text) else {
            throw ConfigurationError(
                variable: urlVariable, problem: "must be an http(s) URL with a host and a port in 1-65535, e.g. https://api.example.com")
        }
        self.init(baseURL: url, token: BearerToken(try configuration.require(tokenVariable)))
    }
}
