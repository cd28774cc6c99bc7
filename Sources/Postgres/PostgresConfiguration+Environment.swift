import Foundation

extension PostgresConfiguration {
    /// DATABASE_URL (URL or conninfo), else DATABASE_SECRET (the RDS/Aurora secret JSON), else libpq's PG* defaults.
    /// Malformed input throws `.configuration` naming the variable, without echoing any part of its value.
    public static func fromEnvironment(_ environment: [String: String]) throws -> PostgresConfiguration {
        if let url = nonEmpty(environment["DATABASE_URL"]) {
            var configuration = PostgresConfiguration(source: .url(url))
            configuration.origin = "DATABASE_URL"
            try checkUserInfoEncoding(url)
            _ = try configuration.sourceParameters()  // fail now, naming the variable
            return configuration
        }
        if let secret = nonEmpty(environment["DATABASE_SECRET"]) {
            var parameters = try secretParameters(secret)
            if let sslmode = nonEmpty(environment["DATABASE_SSLMODE"]) ?? nonEmpty(environment["PGSSLMODE"]) {
                parameters["sslmode"] = sslmode
            }
            if let rootCert = nonEmpty(environment["DATABASE_SSLROOTCERT"]) ?? nonEmpty(environment["PGSSLROOTCERT"]) {
                parameters["sslrootcert"] = rootCert
            }
            var configuration = PostgresConfiguration(source: .parameters(parameters))
            configuration.origin = "DATABASE_SECRET"
            return configuration
        }
        var configuration = PostgresConfiguration(source: .libpqDefaults)
        configuration.origin = "PG* environment"
        for (variable, keyword) in libpqVariables {
            if let value = nonEmpty(environment[variable]) { configuration.environmentParameters[keyword] = value }
        }
        return configuration
    }

    /// The environment variables libpq reads, with their connection keywords (libpq docs, "Environment Variables").
    static let libpqVariables: [(String, String)] = [
        ("PGHOST", "host"), ("PGHOSTADDR", "hostaddr"), ("PGPORT", "port"), ("PGDATABASE", "dbname"),
        ("PGUSER", "user"), ("PGPASSWORD", "password"), ("PGPASSFILE", "passfile"), ("PGSERVICE", "service"),
        ("PGOPTIONS", "options"), ("PGAPPNAME", "application_name"), ("PGSSLMODE", "sslmode"),
        ("PGSSLROOTCERT", "sslrootcert"), ("PGSSLCERT", "sslcert"), ("PGSSLKEY", "sslkey"), ("PGSSLCRL", "sslcrl"),
        ("PGREQUIRESSL", "requiressl"), ("PGSSLCOMPRESSION", "sslcompression"), ("PGCONNECT_TIMEOUT", "connect_timeout"),
        ("PGTARGETSESSIONATTRS", "target_session_attrs"), ("PGGSSENCMODE", "gssencmode"),
        ("PGKRBSRVNAME", "krbsrvname"), ("PGCHANNELBINDING", "channel_binding"),
    ].filter { LibPQ.knownKeywords.contains($0.1) }

    /// Reads the Secrets Manager JSON of an RDS/Aurora secret. Messages name fields, never values.
    static func secretParameters(_ text: String) throws -> [String: String] {
        func invalid(_ reason: String) -> PostgresError {
            PostgresError.configuration("DATABASE_SECRET \(reason)")
        }
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data),
              let json = object as? [String: Any]
        else {
            throw invalid("is not a JSON object (expected the RDS secret: username, password, host, port, dbname)")
        }
        func string(_ key: String, required: Bool) throws -> String? {
            switch json[key] {
            case nil, is NSNull:
                if required { throw invalid("is missing \"\(key)\"") }
                return nil
            case let value as String:
                if required && value.isEmpty { throw invalid("has an empty \"\(key)\"") }
                return value
            default:
                throw invalid("field \"\(key)\" must be a string")
            }
        }
        var parameters: [String: String] = [:]
        parameters["host"] = try string("host", required: true)
        parameters["user"] = try string("username", required: true)
        parameters["password"] = try string("password", required: true)
        if let database = try string("dbname", required: false), !database.isEmpty { parameters["dbname"] = database }
        if json.keys.contains("port") {
            // JSONDecoder, not JSONSerialization: the latter turns `true` into the number 1.
            guard let port = try? JSONDecoder().decode(SecretPort.self, from: data).port, (1...65535).contains(port) else {
                throw invalid("field \"port\" must be a port number in 1-65535")
            }
            parameters["port"] = String(port)
        }
        return parameters
    }

    private struct SecretPort: Decodable {
        let port: Int

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let number = try? container.decode(Int.self, forKey: .port) {
                port = number
            } else if let text = try? container.decode(String.self, forKey: .port), let number = Int(text) {
                port = number
            } else {
                throw DecodingError.dataCorruptedError(forKey: .port, in: container, debugDescription: "not a port")
            }
        }

        private enum CodingKeys: String, CodingKey { case port }
    }

    /// A URL whose password holds a raw `@`, `/`, `?` or `#` is misread by every URL parser, and libpq then echoes
    /// the password's tail as a host name or port: refuse it before libpq sees it.
    static func checkUserInfoEncoding(_ url: String) throws {
        guard let schemeEnd = url.range(of: "://"),
            ["postgres", "postgresql"].contains(url[..<schemeEnd.lowerBound].lowercased())
        else { return }
        let rest = url[schemeEnd.upperBound...]
        guard let firstAt = rest.firstIndex(of: "@") else { return }
        let userInfo = rest[..<firstAt]
        // An `@` inside the query string (`?sslrootcert=/a@b`) is not user info.
        if let query = userInfo.firstIndex(of: "?"), userInfo[query...].contains("=") { return }
        let hostAndPath = rest[rest.index(after: firstAt)...].prefix { $0 != "?" }
        if hostAndPath.contains("@") || userInfo.contains(where: { "/?#".contains($0) }) {
            throw PostgresError.configuration(
                "DATABASE_URL: the user name or password contains @, /, ? or # unencoded; percent-encode them (@ is %40, / is %2F)")
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }
}
