package dev.sovereign.gateway.settings;

/**
 * A PostgreSQL database shared by every gateway replica (keys, revocations, budget reservations, usage), with its
 * password already resolved. {@code schema} holds the gateway's tables and is created when missing.
 */
public record StateSettings(String jdbcUrl, String user, String password, String schema, int poolSize) {

    public StateSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("gateway.state.url: expected postgresql://HOST[:PORT]/DATABASE, got " + jdbcUrl);
        }
        schema = schema == null ? "sov_gateway" : schema;
        poolSize = poolSize <= 0 ? 8 : poolSize;
    }

    /** The password is never part of the text form (logs, exceptions). */
    @Override
    public String toString() {
        return "StateSettings[" + jdbcUrl + ", user=" + user + ", schema=" + schema + ", poolSize=" + poolSize + "]";
    }
}
