import HTTP
import Runner

/// Asks the payment provider about pending payments and applies the answer.
///
/// Per batch: claim the next due pending payments (`payments_due_idx`, `FOR UPDATE SKIP LOCKED`; the claim pushes
/// `next_check_at` past a lease and bumps `check_attempts`, the claim's token), ask the provider for each one
/// concurrently (`GET /v1/payments/{id}`; the HTTP client bounds concurrency and retries 5xx, timeouts and 429 with
/// Retry-After), then apply every outcome in one statement:
/// - approved: payment approved, order paid, listing sold, ticket row created for the seller to upload, payout
///   created (available `PAYOUT_HOLD_PERIOD` after the event ends, idempotency key `payout:<order_id>`),
///   `payment_approved` to the buyer and `ticket_sold` to the seller;
/// - rejected / cancelled, or still pending (or unknown to the provider) `SYNC_PAYMENTS_EXPIRE_AFTER` after it was
///   created: payment closed, order cancelled (expired), listing back on sale, `payment_failed` to the buyer;
/// - still pending, or the check failed: checked again after `SYNC_PAYMENTS_RECHECK_INTERVAL`, the error on the row.
/// Two batches are in flight at a time (`BatchDrain`), so the provider's latency and the database's statements
/// overlap. Drains until nothing is due, the deadline or a stop signal (checks in flight are finished and applied). A
/// provider-level failure (`ProviderStop`: any 401/403, or every check of a batch failing the same provider-level
/// way) gives the batch's payments back without counting their check, cancels the other batch's checks (given back
/// too) and ends the run with exit 78 (credentials) or 69 (down, malformed answers).
/// The claim, check and completion: `SyncPaymentsWork`. Settings: `SyncPaymentsSettings`.
public struct SyncPayments: Job {
    public static let name = "sync-payments"
    public static let summary = "Ask the payment provider about pending payments; approve, cancel or expire them"
    public static let defaultTimeout: Duration = .seconds(240)

    public let settings: SyncPaymentsSettings
    /// PAYMENTS_API_URL and PAYMENTS_API_TOKEN, read up front so a missing one is exit 78 before any work.
    public let endpoint: ProviderEndpoint

    public init(configuration: Configuration) throws {
        settings = try SyncPaymentsSettings(configuration: configuration)
        endpoint = try PaymentsClient.endpoint(from: configuration)
    }

    public init(settings: SyncPaymentsSettings, endpoint: ProviderEndpoint) {
        self.settings = settings
        self.endpoint = endpoint
    }

    public func run(_ context: JobContext) async throws {
        let work = SyncPaymentsWork(settings: settings, client: PaymentsClient(http: context.http, endpoint: endpoint))
        // Two batches in flight: the HTTP limiter serves the older batch's checks first and the newer one's fill the
        // slots it frees, while each finished batch is applied and the next one claimed in the meantime.
        let drained = try await BatchDrain(work, settings: DrainSettings(depth: 2)).run(context)
        context.logger.info("synced payments", metadata: drained.metadata)
    }
}
