/// A failure that belongs to the provider (or to our credentials for it), not to the one item a call was about.
/// A wrong token or an outage fails every item alike, so counting it against each item would burn the backlog.
public enum ProviderFault: String, Sendable, Equatable {
    /// 401 or 403: the provider refused our credentials (a wrong, expired or rotated token). Exit 78.
    case unauthorized
    /// Timeouts, connection errors, 429 and 5xx still failing after the retries. Exit 69 when a whole batch has it.
    case unavailable
    /// An answer outside the contract: a 2xx that is not the contract's JSON (truncated, wrong types, an HTML page, an
    /// error object, empty), a body over the cap, or a redirect (never followed: the provider's URL is wrong or has
    /// moved, and it would be for every item alike). Exit 69 when a whole batch has it.
    case malformed
}

extension HTTPClientError {
    /// The provider-level class of this failure, or nil when it is about the item alone (400, 404, 409, 422 …),
    /// or not the provider's doing at all (cancelled by our stop, a request we refused to send).
    public var providerFault: ProviderFault? {
        switch kind {
        case .status(401), .status(403): return .unauthorized
        case .decoding, .redirect: return .malformed
        case .cancelled, .invalidRequest: return nil
        default: return isTransient ? .unavailable : nil
        }
    }
}
