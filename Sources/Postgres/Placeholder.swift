/// PLACEHOLDER until the libpq layer lands (branch `postgres`).
public final class PostgresConnection: @unchecked Sendable {}
