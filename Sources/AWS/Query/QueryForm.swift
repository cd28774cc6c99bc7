/// The body of a Query-protocol request: `Action`, `Version` and the parameters as
/// `application/x-www-form-urlencoded`, lists flattened as `Name.member.N` and structures as `Name.Field`
/// (botocore `serialize.py` QuerySerializer).
public struct QueryForm: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(action: String, version: String) {
        fields = [("Action", action), ("Version", version)]
    }

    public static func == (left: QueryForm, right: QueryForm) -> Bool {
        left.fields.map(\.name) == right.fields.map(\.name) && left.fields.map(\.value) == right.fields.map(\.value)
    }

    public mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        fields.append((name, value))
    }

    /// `Name.member.1`, `Name.member.2`, ... (nothing for an empty list, as the SDKs do).
    public mutating func add(_ name: String, members: [String]) {
        for (index, value) in members.enumerated() { fields.append(("\(name).member.\(index + 1)", value)) }
    }

    /// A list of structures: `Name.member.N.Field`.
    public mutating func add(_ name: String, structures: [[(String, String)]]) {
        for (index, structure) in structures.enumerated() {
            for (field, value) in structure { fields.append(("\(name).member.\(index + 1).\(field)", value)) }
        }
    }

    /// `a=1&b=2`, names and values percent-encoded except RFC 3986 unreserved characters.
    public var encoded: String {
        fields.map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }.joined(separator: "&")
    }

    public static func escape(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}
