import HTTP

/// The one rule, shared by every job that calls a provider, that tells a provider's failure from an item's.
///
/// Judged per batch of calls: any 401/403 stops the run (exit 78: the token is wrong for every item alike), and so
/// does a batch in which every call failed at the provider level (exit 69: down, or answering only malformed or
/// HTML bodies). Items whose call failed at the provider level are then given back to the queue without counting
/// an attempt; nothing is marked dead, on hold or failed for a fault that is not theirs. Item-level answers (400,
/// 404, 409, 422 on one item) never stop a run, and a lone provider-level failure among good answers stays an item
/// failure.
public struct ProviderStop: Sendable, Equatable {
    /// One call of a batch as the rule sees it.
    public struct Call: Sendable {
        public var provider: ProviderIdentity
        /// nil when the call got a usable answer.
        public var error: HTTPClientError?

        public init(provider: ProviderIdentity, error: HTTPClientError?) {
            self.provider = provider
            self.error = error
        }
    }

    public var fault: ProviderFault
    /// The providers that failed this way, in the order first seen.
    public var providers: [ProviderIdentity]
    /// Calls of the batch that failed with this fault, and all calls of the batch.
    public var failedCalls: Int
    public var calls: Int
    /// The description of the last such failure (safe to print: `HTTPClientError` redacts), bounded.
    public var example: String

    /// The verdict for a batch; nil when the run goes on. `stopping`: the run is stopping anyway (signal, deadline),
    /// so calls cut short are not taken for an outage; a refused token still stops it.
    public static func judge(_ calls: [Call], stopping: Bool = false) -> ProviderStop? {
        let failed = calls.filter { $0.error?.providerFault != nil }
        let refused = failed.filter { $0.error?.providerFault == .unauthorized }
        if !refused.isEmpty { return ProviderStop(.unauthorized, refused, of: calls.count) }
        guard !calls.isEmpty, failed.count == calls.count, !stopping else { return nil }
        let faults = Set(failed.compactMap { $0.error?.providerFault })
        return ProviderStop(faults.count == 1 ? faults.first! : .unavailable, failed, of: calls.count)
    }

    private init(_ fault: ProviderFault, _ failed: [Call], of calls: Int) {
        self.fault = fault
        var providers: [ProviderIdentity] = []
        for call in failed where !providers.contains(call.provider) { providers.append(call.provider) }
        self.providers = providers
        failedCalls = failed.count
        self.calls = calls
        example = String(failed.last.flatMap { $0.error.map(String.init(describing:)) }?.prefix(300) ?? "")
    }

    /// Whether the item of a call that ended with `error` is given back (its failure was the provider's).
    public static func givesBack(_ error: HTTPClientError?) -> Bool { error?.providerFault != nil }

    /// 78 for refused credentials, 69 otherwise.
    public var exitCode: Int32 { fault == .unauthorized ? RunExitCode.configuration : RunExitCode.unavailable }

    /// The error that ends the run. `givenBack`: items returned to the queue; `items`: their plural noun.
    public func error(givenBack: Int, items: String) -> JobError {
        let names = providers.map(\.name).joined(separator: " and ") + (providers.count > 1 ? " providers" : " provider")
        let variables: String
        let what: String
        switch fault {
        case .unauthorized:
            variables = providers.map { "\($0.tokenVariable) and \($0.urlVariable)" }.joined(separator: "; ")
            what = "the \(names) refused our credentials on \(failedCalls) of \(calls) calls of a batch"
        case .unavailable:
            variables = providers.map(\.urlVariable).joined(separator: ", ")
            what = "the \(names) failed all \(calls) calls of a batch"
        case .malformed:
            variables = providers.map(\.urlVariable).joined(separator: ", ")
            what = "the \(names) answered all \(calls) calls of a batch with a malformed body"
        }
        let message = "\(what) (check \(variables)); \(givenBack) claimed \(items) given back, attempts not counted; last: \(example)"
        return JobError(fault == .unauthorized ? .providerUnauthorized : .providerUnavailable, message)
    }
}
