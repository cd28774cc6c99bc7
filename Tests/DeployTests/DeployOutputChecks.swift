import TestSupport
import Testing

/// What no `diff` or `deploy` output may hold: the secret key, an environment variable's value, a secret's ARN.
func expectNothingSecret(_ output: ProcessOutput, sourceLocation: SourceLocation = #_sourceLocation) {
    for secret in [StackFixture.secretKey, StackFixture.variableValue, StackFixture.secretArn] {
        #expect(!output.combined.contains(secret), "output holds \(secret.prefix(8))…", sourceLocation: sourceLocation)
    }
}
