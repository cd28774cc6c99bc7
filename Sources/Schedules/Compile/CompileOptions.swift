/// What `cronjob compile` writes.
public enum CompileFormat: String, Sendable, CaseIterable {
    /// One CloudFormation template (JSON) per environment.
    case cloudformation
    /// `--cli-input-json` documents for the AWS CLI and a `deploy.sh` that applies them in order.
    case awsCLI = "aws-cli"
    /// `*.tf.json` files for Terraform's AWS provider.
    case terraform
}

/// Which EventBridge service fires the jobs.
public enum CompileTarget: String, Sendable, CaseIterable {
    /// EventBridge scheduled rules (always UTC) with an ECS target.
    case rules
    /// EventBridge Scheduler schedules: time zones, flexible windows.
    case scheduler
}
