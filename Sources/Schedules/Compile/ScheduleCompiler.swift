/// `cronjob compile`: pure functions from a schedule file to AWS artifacts. Same input, same bytes.
public enum ScheduleCompiler {
    /// Builds, checks and renders one environment. Errors from the checks are thrown all together.
    public static func compile(
        _ file: ScheduleFile, environment: String, format: CompileFormat, target: CompileTarget
    ) throws(CompileError) -> CompileOutput {
        let (plan, warnings) = try DeploymentPlan.build(file, environment: environment, target: target)
        let findings = CompileChecks.run(plan)
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw CompileError(
                .invalidConfiguration, message: "\(file.path): cannot compile environment \(environment)",
                diagnostics: errors)
        }
        let files: [CompiledFile]
        switch format {
        case .cloudformation: files = CloudFormationRenderer.render(plan)
        case .awsCLI: files = AWSCLIRenderer.render(plan)
        case .terraform: files = TerraformRenderer.render(plan)
        }
        return CompileOutput(plan: plan, files: files, warnings: warnings + findings.filter { $0.severity == .warning })
    }
}
