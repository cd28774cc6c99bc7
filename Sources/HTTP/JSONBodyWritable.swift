import Foundation

/// A request body that writes its own JSON, without Foundation's coder (it showed in the drain's profile):
/// `OutboundRequest.json` uses `jsonBody` when the body has one. It must decode to the same value `Encodable` gives.
public protocol JSONBodyWritable: Encodable {
    var jsonBody: Data { get }
}
