import Grammar

/// A provider answer that can be read from a flat JSON object without Foundation's coders (`FlatJSONObject`).
/// `HTTPClient.decode` tries this first; when it gives nil (a member missing or of another type, nesting, invalid
/// JSON) the answer goes through `Decodable`, which then also words the error.
public protocol FlatJSONDecodable: Decodable {
    init?(flatJSON: FlatJSONObject)
}
