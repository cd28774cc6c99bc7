/// One element of an AWS XML answer: its local name (namespace prefix dropped), child elements and text.
/// Attributes are not kept: the Query protocol's answers carry nothing in them.
public struct AWSXMLElement: Sendable, Equatable {
    public var name: String
    public var children: [AWSXMLElement]
    /// The element's own character data (entities decoded), concatenated.
    public var text: String

    public init(name: String, children: [AWSXMLElement] = [], text: String = "") {
        self.name = name
        self.children = children
        self.text = text
    }

    /// The first child named `name`.
    public subscript(_ name: String) -> AWSXMLElement? { children.first { $0.name == name } }

    /// The first element along `path` of child names, e.g. `element.at("Error", "Code")`.
    public func at(_ path: String...) -> AWSXMLElement? {
        var current: AWSXMLElement? = self
        for name in path { current = current?[name] }
        return current
    }

    /// The text of the child `name`; nil when the child is absent, empty or `None` (how moto writes a missing
    /// value). The one way every Query answer reads a member.
    public func value(_ name: String) -> String? {
        guard let text = self[name]?.text, !text.isEmpty, text != "None" else { return nil }
        return text
    }

    /// The `<member>` children of the child `name` (the Query protocol's lists).
    public func members(_ name: String) -> [AWSXMLElement] {
        self[name]?.children.filter { $0.name == "member" } ?? []
    }
}
