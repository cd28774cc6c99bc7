import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The ECS task ARN for run history, read from the task metadata endpoint v4 that ECS injects as
/// `ECS_CONTAINER_METADATA_URI_V4` (`GET $URI/task` → `{"TaskARN": ...}`). Outside ECS there is none.
enum ECSTaskMetadata {
    static func taskARN(configuration: Configuration, timeout: TimeInterval = 1) async -> String? {
        guard let base = configuration.get("ECS_CONTAINER_METADATA_URI_V4"), let url = URL(string: base + "/task") else {
            return nil
        }
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        guard let (data, response) = try? await URLSession.shared.data(for: request),
              (response as? HTTPURLResponse)?.statusCode == 200,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["TaskARN"] as? String
    }
}
