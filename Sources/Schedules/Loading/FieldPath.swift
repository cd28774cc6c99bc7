/// Where a value sits in the document, e.g. `environments.production.secrets`; starts every message.
struct FieldPath: CustomStringConvertible {
    private var components: [String]

    static let root = FieldPath(components: [])

    func appending(_ key: String) -> FieldPath {
        FieldPath(components: components + [key])
    }

    var description: String { components.isEmpty ? "schedule file" : components.joined(separator: ".") }
}
