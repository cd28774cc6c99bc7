import Foundation

/// A provider's answer: status, headers (names lowercased) and the body.
public struct OutboundResponse: Sendable {
    /// The largest body either transport accepts (4 MiB); no answer in the provider contracts comes near it.
    public static let maximumBodyBytes = 4 * 1024 * 1024

    public var status: Int
    /// Header names are lowercased; use `header(_:)` to look one up.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        // The transports hand over lowercased names already: then the dictionary is kept as it is.
        self.headers = headers.keys.allSatisfy(Self.isLowercase) ? headers : Dictionary(headers.map { (Self.lowercased($0.key), $0.value) }) { first, _ in first }
        self.body = body
    }

    /// Case-insensitive header lookup.
    public func header(_ name: String) -> String? { headers[Self.lowercased(name)] }

    /// A header name in lower case; a name that is already (the usual case) is not copied.
    static func lowercased(_ name: String) -> String { isLowercase(name) ? name : name.lowercased() }

    private static func isLowercase(_ name: String) -> Bool {
        !name.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// A JSON response, for the simulated answers of a dry run.
    public static func json<Value: Encodable>(_ value: Value, status: Int = 200) -> OutboundResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return OutboundResponse(status: status, headers: ["content-type": "application/json"], body: body)
    }
}
