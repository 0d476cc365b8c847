package dev.bulwark.controlplane.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.sync.SnapshotFull;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.snapshot.PublishOutcome;
import dev.bulwark.controlplane.snapshot.SnapshotPublisher;
import dev.bulwark.controlplane.snapshot.SnapshotSource;
import dev.bulwark.controlplane.snapshot.SyncJson;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seeded run behind docs/scaling.md's "PostgreSQL at 10,000 tenants": seeds tenants, each with
 * published APIs (two operations each), one minute of usage rollups per API and ten security events per API, all
 * with set-based SQL, then measures table sizes, the production snapshot (JSON and gzip bytes), a full
 * publication and a one-API change published as a delta. Small by default so it runs with the suite;
 * {@code -Dbulwark.scale.tenants=10000 -Dbulwark.scale.apis=10} gives the documented figures.
 */
@MicronautTest(transactional = false)
class TenantScaleRunTest extends RealDatabaseTest {
    private static final int TENANTS = Integer.getInteger("bulwark.scale.tenants", 50);
    private static final int APIS = Integer.getInteger("bulwark.scale.apis", 4);
    private static final String OPENAPI = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Items\",\"version\":\"1\"},\"paths\":{}}";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // The application's own publisher stays off "production": the test times the publications itself,
        // and a background publication holding the environment's lock would be timed instead.
        properties.put("bulwark.sync.environments", "staging");
        return properties;
    }

    @Inject
    SnapshotPublisher publisher;
    @Inject
    SnapshotSource source;
    @Inject
    SyncJson json;

    @Test
    void seededTenantsCompileIntoOneSnapshotAndAChangePublishesAsADelta() throws Exception {
        long seedStarted = System.nanoTime();
        try (Connection connection = database.connect()) {
            seed(connection);
        }
        long seedMillis = millis(seedStarted);

        long compileStarted = System.nanoTime();
        Snapshot snapshot = source.compile("production");
        long compileMillis = millis(compileStarted);
        assertThat(snapshot.apis()).hasSize(TENANTS * APIS);
        byte[] full = json.write(new SnapshotFull(snapshot)).getBytes(StandardCharsets.UTF_8);
        byte[] gzip = json.compress(snapshot);

        long publishStarted = System.nanoTime();
        PublishOutcome first = publisher.publish("production");
        long publishMillis = millis(publishStarted);
        assertThat(first).isInstanceOf(PublishOutcome.Published.class);

        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE api_environment SET upstream_urls = '[\"https://moved.example.com\"]' "
                    + "WHERE api_id = (SELECT id FROM api ORDER BY id LIMIT 1) AND environment = 'production'");
        }
        long deltaStarted = System.nanoTime();
        PublishOutcome second = publisher.publish("production");
        long deltaMillis = millis(deltaStarted);
        assertThat(second).isInstanceOf(PublishOutcome.Published.class);
        assertThat(((PublishOutcome.Published) second).version()).isEqualTo(((PublishOutcome.Published) first).version() + 1);

        Map<String, Long> sizes = tableSizes();
        Map<String, Long> rows = rowCounts();
        System.out.printf("scale run: %d tenants x %d APIs seeded in %d ms; snapshot %d APIs, %d JSON bytes (%d gzip); "
                + "compile %d ms, full publication %d ms, one-API change published in %d ms%n",
                TENANTS, APIS, seedMillis, snapshot.apis().size(), full.length, gzip.length, compileMillis, publishMillis, deltaMillis);
        sizes.forEach((table, bytes) -> System.out.printf("scale run: table %s: %d rows, %d bytes with indexes (%.0f bytes/row)%n",
                table, rows.get(table), bytes, (double) bytes / Math.max(1, rows.get(table))));
        assertThat(rows.get("api")).isEqualTo((long) TENANTS * APIS);
    }

    private static void seed(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO tenant (id, slug, name) SELECT md5('t' || i)::uuid, 'scale-' || i, 'Scale ' || i "
                    + "FROM generate_series(1, " + TENANTS + ") i");
            try (PreparedStatement apis = connection.prepareStatement("INSERT INTO api (id, tenant_id, name, base_path, openapi, lifecycle) "
                    + "SELECT md5('a' || i || '-' || j)::uuid, md5('t' || i)::uuid, 'API ' || j, '/t' || i || '/api' || j, ?, 'published' "
                    + "FROM generate_series(1, " + TENANTS + ") i, generate_series(1, " + APIS + ") j")) {
                apis.setString(1, OPENAPI);
                apis.execute();
            }
            statement.execute("INSERT INTO api_environment (tenant_id, api_id, environment, upstream_urls, enabled) "
                    + "SELECT tenant_id, id, 'production', '[\"https://upstream.example.com\"]', true FROM api");
            statement.execute("INSERT INTO api_operation (id, tenant_id, api_id, operation_key, method, path_template) "
                    + "SELECT md5('o' || a.id || o.key)::uuid, a.tenant_id, a.id, o.key, 'GET', o.path FROM api a, "
                    + "(VALUES ('listItems', '/items'), ('getItem', '/items/{id}')) AS o(key, path)");
            // One minute of traffic per API (two status classes), in today's partition.
            dev.bulwark.controlplane.usage.UsageMinutePartitions.ensureToday(connection);
            statement.execute("INSERT INTO usage_minute (tenant_id, minute, api_id, application_id, status_class, requests, errors, "
                    + "request_bytes, response_bytes, latency_sum_micros, latency_buckets) "
                    + "SELECT a.tenant_id, date_trunc('minute', now()), a.id::text, '', s.class, 100, 0, 10000, 50000, 250000, "
                    + "ARRAY[10, 40, 30, 15, 5]::bigint[] FROM api a, (VALUES (2), (4)) AS s(class)");
            // Today's partition, named as the ingester names it (DailyPartitions), then the events.
            try (ResultSet day = statement.executeQuery("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD'), "
                    + "(now() AT TIME ZONE 'UTC')::date")) {
                day.next();
                statement.execute("CREATE TABLE IF NOT EXISTS security_event_p" + day.getString(1) + " PARTITION OF security_event "
                        + "FOR VALUES FROM ('" + day.getString(2) + " 00:00:00+00') TO ('" + day.getString(2) + " 00:00:00+00'::timestamptz"
                        + " + interval '1 day')");
            }
            statement.execute("INSERT INTO security_event (tenant_id, occurred_at, id, type, error_key, environment, api_id, client_ip, "
                    + "method, path, detail, rule_id, family, location, blocked) "
                    + "SELECT a.tenant_id, date_trunc('day', now()) + make_interval(secs => e), md5(a.id::text || e), 'threat', "
                    + "'THREAT_DETECTED', 'production', a.id::text, ('203.0.113.' || e)::inet, 'GET', '/items', "
                    + "'SQL injection pattern in query parameter q', 'sqli-1', 'sqli', 'query', true "
                    + "FROM api a, generate_series(1, 10) e");
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private Map<String, Long> tableSizes() throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT relname, pg_total_relation_size(oid) FROM pg_class "
                        + "WHERE relname IN ('tenant', 'api', 'api_environment', 'api_operation') "
                        + "ORDER BY relname")) {
            while (result.next()) {
                sizes.put(result.getString(1), result.getLong(2));
            }
        }
        // A partitioned table's own size is zero: its rows live in the day partitions.
        for (String partitioned : new String[] {"usage_minute", "security_event"}) {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits "
                            + "WHERE inhparent = '" + partitioned + "'::regclass")) {
                result.next();
                sizes.put(partitioned, result.getLong(1));
            }
        }
        return sizes;
    }

    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String table : new String[] {"tenant", "api", "api_environment", "api_operation", "usage_minute", "security_event"}) {
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    result.next();
                    rows.put(table, result.getLong(1));
                }
            }
        }
        return rows;
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
