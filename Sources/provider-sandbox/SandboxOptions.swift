import ArgumentParser
import Foundation

/// The knobs as flags; `POST /_admin/config` changes the same settings at run time.
struct SandboxOptions: ParsableArguments {
    @Option(help: "JSON file of settings (same keys as POST /_admin/config), applied before the flags below.")
    var config: String?

    @Option(help: "Latency in ms added to every provider request: 100 or 50-150.")
    var latency: String?

    @Option(help: "Fraction (0...1) of provider requests answered with --error-status.")
    var errorRate: Double?

    @Option(help: "Status of injected errors (400...599).")
    var errorStatus: Int?

    @Option(help: "Fraction (0...1) of provider requests answered 429 with Retry-After.")
    var throttleRate: Double?

    @Option(help: "Retry-After seconds sent with 429.")
    var retryAfter: Int?

    @Option(help: "Fraction (0...1) of provider requests answered with a malformed 200.")
    var malformedRate: Double?

    @Option(help: "Comma-separated malformed modes: truncated, wrong_types, html, error_body, empty.")
    var malformedModes: String?

    @Option(help: "Status of payments not configured: pending, approved, rejected, cancelled or hash (by id).")
    var paymentDefault: String?

    @Option(help: "Final status of payouts: paid or failed.")
    var payoutOutcome: String?

    @Option(help: "A requested payout becomes final on this GET (0: created final).")
    var payoutSettlePolls: Int?

    @Option(help: "…or this many ms after it was created.")
    var payoutSettleMs: Int?

    @Option(help: "off, 503 (every provider request answers 503) or close (connections closed without an answer).")
    var down: String?

    /// Settings from the file, then the flags; a bad value is a `ValidationError` (exit 64).
    func settings() throws -> SandboxSettings {
        var patch: [String: Any] = [:]
        if let latency {
            guard let range = LatencyRange(flag: latency) else { throw ValidationError("--latency must be like 100 or 50-150") }
            patch["latency_ms"] = [range.min, range.max]
        }
        patch["error_rate"] = errorRate
        patch["error_status"] = errorStatus
        patch["throttle_rate"] = throttleRate
        patch["retry_after"] = retryAfter
        patch["malformed_rate"] = malformedRate
        patch["malformed_modes"] = malformedModes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        patch["payment_default"] = paymentDefault
        patch["payout_outcome"] = payoutOutcome
        patch["payout_settle_polls"] = payoutSettlePolls
        patch["payout_settle_ms"] = payoutSettleMs
        patch["down"] = down
        var settings = SandboxSettings()
        do {
            if let config {
                guard let data = FileManager.default.contents(atPath: config) else { throw SandboxError("cannot read \(config)") }
                settings = try settings.applying(patch: data)
            }
            settings = try settings.applying(patch: try JSONSerialization.data(withJSONObject: patch.compactMapValues { $0 }))
        } catch let error as SandboxError {
            throw ValidationError(error.description)
        }
        return settings
    }
}
