import ArgumentParser
import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Local stand-ins for the payment, payout, email and push providers, on loopback.
@main
struct ProviderSandbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider-sandbox",
        abstract: "Serve the provider contracts (payments, payouts, email, push) on loopback, with injectable faults.",
        discussion: """
            Prints `listening on HOST:PORT` as its first line once it accepts connections.
            Admin: GET /_admin/stats, GET|POST /_admin/config (JSON, snake_case knobs), POST /_admin/reset.
            See jobs/Providers/README.md for the contracts and every knob.
            """)

    @Option(help: "Address to bind; the sandbox has no authentication of its own, keep it on loopback.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one.")
    var port = 0

    @OptionGroup var knobs: SandboxOptions

    @Option(help: "Require `Authorization: Bearer TOKEN` on provider routes.")
    var token: String?

    @Option(help: "Seed for the fault generator (reproducible fault sequences).")
    var seed: UInt64?

    @Option(help: "Idempotency keys remembered for stats and replays; beyond this they are only counted.")
    var maxTrackedKeys = 2_000_000

    @Flag(help: "Exit when the parent process goes away (tests use this so a crashed run leaves nothing behind).")
    var exitWithParent = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be within 0...65535") }
        guard maxTrackedKeys >= 0 else { throw ValidationError("--max-tracked-keys must not be negative") }
        _ = try knobs.settings()
    }

    func run() async throws {
        let settings = try knobs.settings()
        let state = SandboxState(settings: settings, seed: seed ?? UInt64.random(in: 1...UInt64.max), maxTrackedKeys: maxTrackedKeys)
        let logger = Logger(label: "provider-sandbox") { _ in SandboxLogHandler() }
        if exitWithParent { ParentWatch.start() }
        let host = self.host
        let server = SandboxChildChannel(service: SandboxService(state: state, token: token)).server(
            configuration: ServerConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                // The first stdout line is the contract with scripts and tests; write it unbuffered.
                FileHandle.standardOutput.write(Data("listening on \(host):\(bound)\n".utf8))
            },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Exits once the process that started the sandbox is gone (re-parented to init or a subreaper).
enum ParentWatch {
    static func start() {
        let parent = getppid()
        Thread.detachNewThread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 0.5) }
            exit(0)
        }
    }
}
