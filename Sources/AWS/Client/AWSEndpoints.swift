import Foundation

/// Service endpoints as the SDKs resolve them: `AWS_ENDPOINT_URL_<SERVICE>`, the `endpoint_url` of the service in
/// the profile's `services` section, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`, then `https://<service>.<region>.amazonaws.com` (`.com.cn` in China);
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` skips the configured ones.
public enum AWSEndpoints {
    public static func resolve(
        _ service: AWSService, region: String, variables: [String: String], profile: [String: String]?,
        services: [String: [String: String]] = [:]
    ) throws(AWSError) -> String {
        let ignore = variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || profile?["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        if !ignore {
            let configured: [(String?, String)] = [
                (variables["AWS_ENDPOINT_URL_\(service.endpointVariableSuffix)"], "AWS_ENDPOINT_URL_\(service.endpointVariableSuffix)"),
                (services[service.configKey]?["endpoint_url"], "endpoint_url of \(service.configKey) in the profile's services section"),
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
