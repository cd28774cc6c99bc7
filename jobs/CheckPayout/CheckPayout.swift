import HTTP
import Runner

/// Requests available payouts from the payout provider and polls requested ones until paid or failed.
///
/// Per batch: claim due payouts (`payouts_due_idx`, `FOR UPDATE SKIP LOCKED`): pending ones that became available
/// (`available_at <= now`) and requested ones whose poll is due. The claim sets `lease_expires_at` and
/// `next_attempt_at` to the lease expiry and counts the request attempt BEFORE any call, so a killed run's payout is
/// taken over once the lease expires and requested again with the same `Idempotency-Key` (the row's
/// `idempotency_key`): the provider answers the payout it already created, and pays once. Then, concurrently:
/// `POST /v1/payouts` for pending payouts, `GET /v1/payouts/{id}` for requested ones; then one statement applies
/// the outcomes: requested (polled after `CHECK_PAYOUT_POLL_INTERVAL`), paid or failed (final, the seller gets
/// `payout_paid` / `payout_failed`), a failed request retried with jittered exponential backoff and `on_hold` after
/// `CHECK_PAYOUT_MAX_ATTEMPTS` (a 4xx refusal of one payout goes `on_hold` at once). A provider-level failure
/// (`ProviderStop`: any 401/403, or every call of a batch failing the same provider-level way) gives the batch's
/// payouts back without counting the request and ends the run with exit 78 (credentials) or 69 (down, malformed
/// answers). One batch at a time (`BatchDrain`); the claim, calls and completion: `CheckPayoutWork`. Settings:
/// `CheckPayoutSettings`.
public struct CheckPayout: Job {
    public static let name = "check-payout"
    public static let summary = "Request available payouts from the payout provider and poll them until paid or failed"
    public static let defaultTimeout: Duration = .seconds(900)

    public let settings: CheckPayoutSettings
    /// PAYOUTS_API_URL and PAYOUTS_API_TOKEN, read up front so a missing one is exit 78 before any work.
    public let endpoint: ProviderEndpoint

    public init(configuration: Configuration) throws {
        settings = try CheckPayoutSettings(configuration: configuration)
        endpoint = try PayoutsClient.endpoint(from: configuration)
    }

    public init(settings: CheckPayoutSettings, endpoint: ProviderEndpoint) {
        self.settings = settings
        self.endpoint = endpoint
    }

    public func run(_ context: JobContext) async throws {
        let work = CheckPayoutWork(settings: settings, client: PayoutsClient(http: context.http, endpoint: endpoint))
        let drained = try await BatchDrain(work).run(context)
        context.logger.info("checked payouts", metadata: drained.metadata)
    }
}
