extension JSONValue {
    /// Tags as AWS lists them, sorted by key: `[{"Key": …, "Value": …}]`, or `key`/`value` for ECS.
    static func tagList(_ tags: [String: String], key: String = "Key", value: String = "Value") -> JSONValue {
        .array(tags.sorted { $0.key < $1.key }.map { [key: .string($0.key), value: .string($0.value)] })
    }
}
