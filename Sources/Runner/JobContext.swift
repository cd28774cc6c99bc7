/// PLACEHOLDER: filled in with the runner lifecycle.
public struct JobContext: Sendable {}
