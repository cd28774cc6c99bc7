/// Which provider a call went to, and the variables that configure it, so a stop can say what to check.
public struct ProviderIdentity: Sendable, Equatable {
    /// A short name for messages: `payment`, `payout`, `email`, `push`.
    public var name: String
    /// e.g. `PAYMENTS_API_URL`.
    public var urlVariable: String
    /// e.g. `PAYMENTS_API_TOKEN`; only the name is ever printed.
    public var tokenVariable: String

    public init(name: String, urlVariable: String, tokenVariable: String) {
        self.name = name
        self.urlVariable = urlVariable
        self.tokenVariable = tokenVariable
    }
}
