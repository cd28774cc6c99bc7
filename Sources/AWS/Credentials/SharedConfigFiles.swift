import Foundation

/// `~/.aws/credentials` and `~/.aws/config` (or `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE`), read as the
/// SDKs read them: INI sections, `[name]` in the credentials file, `[profile name]` (or `[default]`) in the
/// config file; keys in the credentials file win over the same keys in the config file.
public struct SharedConfigFiles: Sendable {
    public var credentialsPath: String
    public var configPath: String
    /// Profile name → keys, credentials file first.
    var credentials: [String: [String: String]]
    var config: [String: [String: String]]
    /// `[services NAME]` sections of the config file: service key (`ecs`, `cloudwatch_logs`) → its settings.
    var services: [String: [String: [String: String]]]

    public init(variables: [String: String]) {
        let home = variables["HOME"] ?? NSHomeDirectory()
        credentialsPath = Self.expand(variables["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", home: home)
        configPath = Self.expand(variables["AWS_CONFIG_FILE"] ?? "~/.aws/config", home: home)
        credentials = Self.parse(path: credentialsPath, configStyle: false)
        config = Self.parse(path: configPath, configStyle: true)
        services = Self.parseServices(path: configPath)
    }

    /// The `services` section the profile names, e.g. `endpoint_url` per service.
    public func services(for profile: [String: String]?) -> [String: [String: String]] {
        guard let name = profile?["services"] else { return [:] }
        return services[name] ?? [:]
    }

    /// The profile's keys (credentials file over config file), or nil when neither file has it.
    public func profile(_ name: String) -> [String: String]? {
        let fromConfig = config[name]
        let fromCredentials = credentials[name]
        guard fromConfig != nil || fromCredentials != nil else { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credential in credential }
    }

    static func expand(_ path: String, home: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst(1) : path
    }

    /// `[services NAME]` sections: a service key with an empty value, then its indented `key = value` settings.
    static func parseServices(path: String) -> [String: [String: [String: String]]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var sections: [String: [String: [String: String]]] = [:]
        var section: String?
        var service: String?
        for rawLine in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                section = name.hasPrefix("services ") ? name.dropFirst("services ".count).trimmingCharacters(in: .whitespaces) : nil
                service = nil
                continue
            }
            guard let current = section, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if !indented {
                service = key
            } else if let service {
                sections[current, default: [:]][service, default: [:]][key] = value
            }
        }
        return sections
    }

    /// Sections and `key = value` lines; `#`/`;` comments; indented lines (sub-sections like `s3 =`) are skipped.
    static func parse(path: String, configStyle: Bool) -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            if rawLine.first == " " || rawLine.first == "\t" { continue }
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if configStyle {
                    if name == "default" {
                        current = "default"
                    } else if name.hasPrefix("profile ") {
                        current = name.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
                    } else {
                        current = nil  // [sso-session x], [services x]: not profiles
                    }
                } else {
                    current = name
                }
                if let current, sections[current] == nil { sections[current] = [:] }
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            sections[current]?[key] = value
        }
        return sections
    }
}
