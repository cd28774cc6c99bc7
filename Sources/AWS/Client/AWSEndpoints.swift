import Foundation

/// Service endpoints as the SDKs resolve them: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the
/// profile's `endpoint_url`, then `https://<service>.<region>.amazonaws.com` (`.com.cn` in China);
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` skips the configured ones.
public enum AWSEndpoints {
    public static func resolve(
        _ service: AWSService, region: String, variables: [String: String], profile: [String: String]?
    ) throws(AWSError) -> String {
        let ignore = variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || profile?["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        if !ignore {
            let configured: [(String?, String)] = [
                (variables["AWS_ENDPOINT_URL_\(service.endpointVariableSuffix)"], "AWS_ENDPOINT_URL_\(service.endpointVariableSuffix)"),
                (variables["AWS_ENDPOINT_URL"], "AWS_ENDPOINT_URL"),
                (profile?["endpoint_url"], "the profile's endpoint_url"),
            ]
            for (value, origin) in configured {
                guard let value, !value.isEmpty else { continue }
                guard let components = URLComponents(string: value), ["http", "https"].contains(components.scheme ?? ""),
                      components.host?.isEmpty == false
                else {
                    throw AWSError(.configuration, message: "\(origin) is not an http(s) URL")
                }
                return value.hasSuffix("/") ? String(value.dropLast()) : value
            }
        }
        let domain = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://\(service.rawValue).\(region).\(domain)"
    }
}
