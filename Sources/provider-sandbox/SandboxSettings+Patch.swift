import Foundation

extension SandboxSettings {
    /// Keys whose maps are merged by a patch rather than replaced.
    static let mergedMaps: Set<String> = ["payments", "payouts", "force_status"]

    /// Applies a JSON object of settings: keys present replace the current values (maps are merged);
    /// unknown keys and invalid values are refused with one line naming them.
    func applying(patch body: Data) throws(SandboxError) -> SandboxSettings {
        guard let patch = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw SandboxError("the body must be a JSON object of settings")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        let unknown = patch.keys.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw SandboxError("unknown setting(s): \(unknown.joined(separator: ", ")); known: \(known.sorted().joined(separator: ", "))")
        }
        guard let currentData = try? JSONEncoder().encode(self),
            var merged = (try? JSONSerialization.jsonObject(with: currentData)) as? [String: Any]
        else { throw SandboxError("the current settings could not be encoded") }
        for (key, value) in patch {
            if Self.mergedMaps.contains(key), let additions = value as? [String: Any] {
                var map = merged[key] as? [String: Any] ?? [:]
                map.merge(additions) { _, new in new }
                merged[key] = map
            } else {
                merged[key] = value
            }
        }
        let updated: SandboxSettings
        do {
            updated = try JSONDecoder().decode(SandboxSettings.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let error as DecodingError {
            throw SandboxError("invalid setting: \(Self.describe(error))")
        } catch {
            throw SandboxError("invalid settings")
        }
        if let problem = updated.problem { throw SandboxError(problem) }
        return updated
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "\(path.isEmpty ? "body" : path): \(context.debugDescription)"
        case .keyNotFound(let key, _):
            return "missing \(key.stringValue)"
        @unknown default:
            return "does not decode"
        }
    }
}

/// A refused admin request or flag: one line, answered as 400.
struct SandboxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
