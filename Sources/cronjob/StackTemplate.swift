import AWS
import Foundation
import Runner
import Schedules

/// The environment's CloudFormation template compiled in memory, as `cronjob compile --format cloudformation`
/// writes it, with the stack it deploys to (`cronjob-ENV`, the name of the compiled file without `.template.json`).
struct StackTemplate {
    var stackName: String
    var body: String
    var plan: DeploymentPlan
    var region: String?

    /// Loads `file`, replaces the environment's image when `image` is given, and compiles.
    static func compile(file: String, environment: String, image: String?, target: CompileTarget) throws(CommandFailure) -> StackTemplate {
        var loaded = try ScheduleFileOptions.load(path: file)
        var selected = try loaded.file.environment(flag: environment)
        if let image {
            guard !image.isEmpty, !image.contains(where: \.isWhitespace) else {
                throw CommandFailure("--image '\(image)' is not an image reference", exitCode: RunExitCode.usage)
            }
            selected.image = image
            loaded.file.environments = loaded.file.environments.map { $0.name == selected.name ? selected : $0 }
        }
        let output: CompileOutput
        do {
            output = try ScheduleCompiler.compile(loaded.file, environment: environment, format: .cloudformation, target: target)
        } catch {
            throw CommandFailure(error.description, exitCode: error.exitCode)
        }
        guard let compiled = output.files.first(where: { $0.path.hasSuffix(".template.json") }) else {
            throw CommandFailure("the compiler produced no CloudFormation template", exitCode: 1)
        }
        let stack = String(compiled.path.dropLast(".template.json".count))
        return StackTemplate(stackName: stack, body: compiled.contents, plan: output.plan, region: selected.region)
    }

    /// The job each logical id prefix belongs to: `TaskDefinitionSyncPayments` -> `sync-payments`.
    var jobsByPascalName: [String: String] {
        Dictionary(plan.jobs.map { ($0.pascalName, $0.job.name) }, uniquingKeysWith: { first, _ in first })
    }
}


extension CommandFailure {
    /// AWS refusing for credentials or permissions (and bad configuration) is 78; anything else AWS says is 1.
    init(_ error: AWSError, context: String? = nil) {
        let prefix = context.map { "\($0): " } ?? ""
        self.init(prefix + error.description, exitCode: Self.isRefusal(error) ? 78 : 1)
    }

    static let refusalCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnrecognizedClientException",
        "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch",
        "InvalidAccessKeyId", "MissingAuthenticationToken", "IncompleteSignature", "AuthFailure", "OptInRequired",
    ]

    static func isRefusal(_ error: AWSError) -> Bool {
        if error.kind == .noCredentials || error.kind == .configuration { return true }
        if let code = error.code, refusalCodes.contains(code) || code.hasPrefix("AccessDenied") { return true }
        return error.status == 403
    }
}
