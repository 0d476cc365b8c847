package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.JsonColumns;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each environment's unrevoked keys, kept between compilations: a compilation re-reads only the
 * keys named in {@code api_key_change} (V431) since the last one, so a revocation among 100,000
 * keys costs a few rows, not 100,000. A full read still happens on first use and at least every
 * {@link #FULL_READ_EVERY}, which bounds what any missed change could cost. Runs in the caller's
 * transaction.
 *
 * <p>Why the feed is read by transaction id and not by sequence: sequence numbers are taken at
 * insert, not at commit, so a change can become visible after a higher one was read. Reading every
 * change whose transaction is at or above the oldest one still running at the previous read
 * ({@code pg_snapshot_xmin}) never misses one; re-reading a key twice is harmless.
 * <p>Hand SQL: reads the change feed by transaction id (pg_snapshot_xmin), across tenants by design.
 */
@Singleton
class KeyCache {
    static final Duration FULL_READ_EVERY = Duration.ofMinutes(10);
    /** Feed rows are kept this long; a cache not read for half of it reads everything again. */
    private static final Duration FEED_RETENTION = Duration.ofMinutes(30);
    private static final String COLUMNS = "SELECT id::text, lookup_id, digest, tenant_id::text, application_id::text, scopes::text, "
            + "expires_at, environment, revoked_at IS NULL FROM api_key";

    /** Keys by id (id order), and the transaction horizon the next read starts from. */
    private record State(TreeMap<String, ApiKeyEntry> byId, String horizon, long fullReadAt, long readAt) {
    }

    private final Sql sql;
    private final JsonColumns json;
    private final Map<Environment, State> states = new ConcurrentHashMap<>();

    KeyCache(Sql sql, JsonColumns json) {
        this.sql = sql;
        this.json = json;
    }

    /** Keys of this environment that are neither revoked nor expired at {@code now}, in id order. */
    synchronized List<ApiKeyEntry> keys(Environment environment, Instant now) {
        State state = states.get(environment);
        // Taken before reading: a transaction still running now is at or above it and is read next time.
        String horizon = sql.one("SELECT pg_snapshot_xmin(pg_current_snapshot())::text", row -> row.getString(1)).orElseThrow();
        long nanos = System.nanoTime();
        if (state == null || nanos - state.fullReadAt() > FULL_READ_EVERY.toNanos()
                || nanos - state.readAt() > FEED_RETENTION.dividedBy(2).toNanos()) {
            sql.update("DELETE FROM api_key_change WHERE changed_at < ?", now.minus(FEED_RETENTION));
            TreeMap<String, ApiKeyEntry> byId = new TreeMap<>();
            sql.list(COLUMNS + " WHERE environment = ? AND revoked_at IS NULL", row -> {
                ApiKeyEntry key = entry(row);
                byId.put(key.keyId(), key);
                return null;
            }, environment);
            state = new State(byId, horizon, nanos, nanos);
        } else {
            List<String> changed = sql.list("SELECT DISTINCT key_id::text FROM api_key_change WHERE environment = ? "
                    + "AND tx >= CAST(? AS xid8)", row -> row.getString(1), environment, state.horizon());
            TreeMap<String, ApiKeyEntry> byId = state.byId();
            if (!changed.isEmpty()) {
                changed.forEach(byId::remove);
                sql.list(COLUMNS + " WHERE id = ANY(CAST(? AS text[])::uuid[])", row -> {
                    if (row.getBoolean(9) && environment.wire().equals(row.getString(8))) {
                        ApiKeyEntry key = entry(row);
                        byId.put(key.keyId(), key);
                    }
                    return null;
                }, (Object) changed.toArray(String[]::new));
            }
            state = new State(byId, horizon, state.fullReadAt(), nanos);
        }
        states.put(environment, state);
        List<ApiKeyEntry> live = new ArrayList<>(state.byId().size());
        for (ApiKeyEntry key : state.byId().values()) {
            if (key.expiresAt() == null || key.expiresAt().isAfter(now)) {
                live.add(key);
            }
        }
        return live;
    }

    /** Drops what is cached: the next compilation reads every key. */
    synchronized void forget() {
        states.clear();
    }

    private ApiKeyEntry entry(ResultSet row) throws SQLException {
        String scopes = row.getString(6);
        return new ApiKeyEntry(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                "[]".equals(scopes) ? List.of() : json.strings(scopes).stream().sorted().toList(), Sql.instant(row, "expires_at"));
    }
}
