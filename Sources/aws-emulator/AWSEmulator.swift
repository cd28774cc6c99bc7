import ArgumentParser
import Foundation
import Hummingbird
import NIOCore

/// A local stand-in for ECS and CloudWatch Logs, for the `cronjob invoke` tests.
@main
struct AWSEmulator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws-emulator",
        abstract: "Emulate the ECS and CloudWatch Logs calls of `cronjob invoke` on loopback, running tasks as local processes.",
        discussion: """
            Prints `listening on 127.0.0.1:PORT` as its first line. Every ECS/Logs request must carry a valid SigV4
            signature made with --credentials (or with temporary credentials it issued itself); a wrong signature
            gets InvalidSignatureException, an unknown key UnrecognizedClientException.
            Tasks run the --cronjob binary with the task definition's environment, secrets from --secrets and
            the command override; their output becomes the awslogs stream PREFIX/CONTAINER/TASK-ID.
            Admin (no signature): POST /_admin/faults {"fail_next_start": "reason", "throttle_next": N,
            "deny": ["RunTask"] | true}, GET /_admin/stats.
            Credential endpoints: GET /_creds/container (ECS container credentials; Authorization must equal
            --container-token), PUT /latest/api/token and GET /latest/meta-data/iam/security-credentials/[ROLE] (IMDSv2).
            """)

    @Option(help: "Address to bind: loopback only.")
    var host = "127.0.0.1"

    @Option(help: "Port; 0 picks a free one.")
    var port = 0

    @Option(help: "Accepted long-term credentials, ACCESS_KEY_ID:SECRET_ACCESS_KEY (repeatable).")
    var credentials: [String] = []

    @Option(help: "The built cronjob binary that tasks run.")
    var cronjob: String

    @Option(help: "JSON object mapping secret ARNs (valueFrom) to their values.")
    var secrets: String?

    @Option(help: "Cluster names that exist (repeatable).")
    var cluster: [String] = []

    @Option(help: "Region in ARNs.")
    var region = "us-east-1"

    @Option(help: "Account in ARNs.")
    var account = "123456789012"

    @Option(help: "Authorization value the container credential endpoint requires (none: no check).")
    var containerToken: String?

    @Option(help: "Lifetime in seconds of the temporary credentials the emulator issues.")
    var temporaryTTL = 3600

    @Option(help: "Directory tasks run in.")
    var workDir = NSTemporaryDirectory()

    @Flag(help: "Exit when the parent process goes away.")
    var exitWithParent = false

    func validate() throws {
        guard host == "127.0.0.1" || host == "localhost" || host == "::1" else { throw ValidationError("--host must be a loopback address") }
        for pair in credentials where pair.split(separator: ":", maxSplits: 1).count != 2 {
            throw ValidationError("--credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY")
        }
    }

    func run() async throws {
        var secretValues: [String: String] = [:]
        if let secrets {
            guard let data = FileManager.default.contents(atPath: secrets),
                  let map = try JSONSerialization.jsonObject(with: data) as? [String: String]
            else { throw ValidationError("--secrets \(secrets) is not a JSON object of strings") }
            secretValues = map
        }
        var keys: [String: String] = [:]
        for pair in credentials {
            let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
            keys[parts[0]] = parts[1]
        }
        if exitWithParent {
            let parent = getppid()
            Thread.detachNewThread {
                while getppid() == parent { Thread.sleep(forTimeInterval: 0.5) }
                ChildProcesses.shared.killAll()
                Foundation.exit(0)
            }
        }
        let settings = EmulatorSettings(
            region: region, account: account, clusters: Set(cluster), cronjob: cronjob, secrets: secretValues,
            containerToken: containerToken, temporaryTTL: TimeInterval(temporaryTTL), workDirectory: workDir)
        let state = EmulatorState(settings: settings, keys: keys)
        let router = EmulatorRouter(state: state)
        let host = self.host
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await router.respond(request) },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "aws-emulator"),
            onServerRunning: { channel in
                await state.setPort(channel.localAddress?.port ?? 0)
                FileHandle.standardOutput.write(Data("listening on \(host):\(channel.localAddress?.port ?? 0)\n".utf8))
            })
        try await app.runService()
        ChildProcesses.shared.killAll()
    }
}

struct EmulatorSettings: Sendable {
    var region: String
    var account: String
    var clusters: Set<String>
    var cronjob: String
    var secrets: [String: String]
    var containerToken: String?
    var temporaryTTL: TimeInterval
    var workDirectory: String
}
