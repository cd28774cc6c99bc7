import Foundation

/// Where and how to connect. Build it with `fromEnvironment(_:)` in a job runner, or directly in tests.
public struct PostgresConfiguration: Sendable {
    public enum Source: Sendable {
        /// A `postgresql://` URI or a `key=value` conninfo string (libpq parses both).
        case url(String)
        /// libpq keywords: host, port, user, password, dbname, sslmode, sslrootcert, ...
        case parameters([String: String])
        /// PG* variables and the service file, read by libpq itself.
        case libpqDefaults
    }

    public var source: Source
    /// Sent as `fallback_application_name`: an application_name in the URL/parameters/PGAPPNAME wins.
    public var applicationName: String
    /// Per-session `statement_timeout`; nil leaves the server's setting, zero disables it.
    public var statementTimeout: Duration?
    /// libpq `connect_timeout` per attempt, unless the URL/parameters set one (libpq treats 1 as 2).
    public var connectTimeoutSeconds: Int

    /// The variable the configuration came from, so errors can name it.
    var origin: String?
    /// PG* variables from the environment given to `fromEnvironment`, as libpq keywords (`.libpqDefaults` only).
    var environmentParameters: [String: String] = [:]

    public init(
        source: Source, applicationName: String = "cronjob", statementTimeout: Duration? = nil,
        connectTimeoutSeconds: Int = 5
    ) {
        self.source = source
        self.applicationName = applicationName
        self.statementTimeout = statementTimeout
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// Strings that must never be printed: passwords (URL, conninfo, parameters, secret, PGPASSWORD) and the whole URL.
    public var secrets: [String] {
        var found: [String] = []
        if case .url(let url) = source {
            found.append(url)
            // What a person meant as the password (up to the last `@`), and its pieces: an unencoded `@` or `/`
            // makes libpq echo a piece of it as a host name or port.
            if let password = Self.rawPassword(in: url) {
                found.append(password)
                found += password.split(whereSeparator: { "@/?#:".contains($0) }).map(String.init).filter { $0.count >= 3 }
            }
        }
        if let password = (try? sourceParameters())?["password"] { found.append(password) }
        if let password = ProcessInfo.processInfo.environment["PGPASSWORD"] { found.append(password) }
        var variants = found
        for secret in found {
            // A password as it appears inside a URL (percent-encoded) is just as secret.
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) { variants.append(encoded) }
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { variants.append(encoded) }
        }
        var seen = Set<String>()
        return variants.filter { !$0.isEmpty && seen.insert($0).inserted }.sorted { $0.count > $1.count }
    }

    /// The text between the user name's `:` and the last `@` of a URL's authority, as written.
    static func rawPassword(in url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        guard let lastAt = rest.lastIndex(of: "@"), let colon = rest[..<lastAt].firstIndex(of: ":") else { return nil }
        let password = rest[rest.index(after: colon)..<lastAt]
        return password.isEmpty ? nil : String(password)
    }

    /// `host:port/dbname user=name` for logs; never the password.
    public var redactedDescription: String {
        guard let parameters = try? sourceParameters() else {
            return "\(origin ?? "database URL") (invalid)"
        }
        let defaults = LibPQ.defaults()
        func value(_ keyword: String) -> String? {
            if let value = parameters[keyword], !value.isEmpty { return value }
            if let value = defaults[keyword], !value.isEmpty { return value }
            return nil
        }
        let host = value("host") ?? value("hostaddr") ?? "local socket"
        let port = value("port") ?? "5432"
        let user = value("user") ?? NSUserName()
        let database = value("dbname") ?? user
        return "\(host):\(port)/\(database) user=\(user)"
    }

    /// The libpq keywords given by the source (a URL or conninfo string is parsed, not echoed on failure).
    func sourceParameters() throws -> [String: String] {
        switch source {
        case .url(let url):
            guard let parameters = LibPQ.parseConninfo(url) else {
                throw PostgresError.configuration(
                    "\(origin ?? "the database URL") is not a valid PostgreSQL URL or conninfo string")
            }
            return parameters
        case .parameters(let parameters):
            let known = LibPQ.knownKeywords
            if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
                throw PostgresError.configuration("unknown libpq connection parameter \"\(unknown)\"")
            }
            return parameters
        case .libpqDefaults:
            return environmentParameters
        }
    }

    /// Everything passed to PQconnectdbParams: the source's keywords plus this session's settings.
    func connectionParameters() throws -> [(String, String)] {
        var parameters = try sourceParameters()
        let defaults = LibPQ.defaults()
        let inheritedOptions = parameters["options"] ?? defaults["options"] ?? ""
        var options = ["-c TimeZone=UTC", "-c DateStyle=ISO", "-c extra_float_digits=3"]
        if let statementTimeout {
            options.append("-c statement_timeout=\(Self.milliseconds(statementTimeout))")
        }
        parameters["options"] = ([inheritedOptions] + options).filter { !$0.isEmpty }.joined(separator: " ")
        parameters["fallback_application_name"] = parameters["fallback_application_name"] ?? applicationName
        parameters["connect_timeout"] = parameters["connect_timeout"] ?? String(connectTimeoutSeconds)
        parameters["client_encoding"] = "UTF8"
        // A failover can leave a half-open socket; keepalives turn a hang into an error within a minute.
        for (keyword, value) in [("keepalives_idle", "30"), ("keepalives_interval", "10"), ("keepalives_count", "3")]
        where parameters[keyword] == nil && defaults[keyword] == nil {
            parameters[keyword] = value
        }
        return parameters.sorted { $0.key < $1.key }
    }

    /// statement_timeout in whole milliseconds, rounded up so a tiny timeout never becomes 0, which PostgreSQL reads
    /// as "no timeout"; zero or less is exactly that.
    static func milliseconds(_ duration: Duration) -> Int64 {
        guard duration > .zero else { return 0 }
        let (seconds, attoseconds) = duration.components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(1, millis)
    }
}
