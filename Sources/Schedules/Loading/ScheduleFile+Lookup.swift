extension ScheduleFile {
    /// The environment called `name`, or an error message naming the environments that exist.
    public func requireEnvironment(named name: String) -> Result<DeploymentEnvironment, UnknownEnvironmentError> {
        if let environment = environment(named: name) { return .success(environment) }
        let names = environments.map(\.name)
        return .failure(UnknownEnvironmentError(
            name: name, known: names, suggestion: KeySuggestion.closest(to: name, among: names), file: path
        ))
    }
}

/// `--env NAME` names no environment in the schedule file (a bad flag value: exit 64).
public struct UnknownEnvironmentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var known: [String]
    public var suggestion: String?
    public var file: String

    public var description: String {
        let hint = suggestion.map { "did you mean '\($0)'? " } ?? ""
        return "unknown environment '\(name)'; \(hint)environments in \(file): \(known.joined(separator: ", "))"
    }
}
