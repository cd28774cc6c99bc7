/// The variables that say where the database is. At least one must be set: silently falling back to a local
/// socket inside a container would hide a missing secret.
public enum DatabaseVariables {
    public static let names = ["DATABASE_URL", "DATABASE_SECRET", "PGHOST", "PGSERVICE", "PGDATABASE"]

    public static func requireOne(in configuration: Configuration) throws(ConfigurationError) {
        guard names.contains(where: { configuration.get($0) != nil }) else {
            throw ConfigurationError(variable: "DATABASE_URL", problem: "is not set (nor DATABASE_SECRET, PGHOST or PGSERVICE)")
        }
    }
}
