package dev.bulwark.controlplane.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuditChainTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    AuditTrail audit;
    @Inject
    TransactionOperations<Connection> transactions;
    Api api;

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    private Principal principal(Api.Session session) {
        return new Principal(session.userId(), new TenantId(session.tenantId()), Role.OWNER, session.email());
    }

    private void record(Principal actor, String action, Object before, Object after) {
        transactions.executeWrite(status -> {
            audit.record(actor, action, "thing", "t-1", before, after);
            return null;
        });
    }

    @Test
    void parallelAppendsGetGaplessSequenceNumbersAndAValidChain() throws Exception {
        Api.Session owner = api.signUp(Api.unique("parallel"));
        Principal actor = principal(owner);
        int writers = 8;
        int perWriter = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        record(actor, "thing.update", Map.of("n", i), Map.of("writer", writer, "n", i, "ratio", 0.1 * i));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection c = database.connect(); var s = c.prepareStatement("SELECT count(*), min(seq), max(seq) FROM audit_event WHERE tenant_id = ?")) {
            s.setObject(1, owner.tenantId());
            var rows = s.executeQuery();
            rows.next();
            long expected = writers * perWriter + 1; // plus the sign-up event
            assertThat(rows.getLong(1)).isEqualTo(expected);
            assertThat(rows.getLong(2)).isEqualTo(1);
            assertThat(rows.getLong(3)).isEqualTo(expected);
        }
        Reply verification = api.get("/api/v1/audit-events/verification", owner.token());
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.body().path("valid").asBoolean()).isTrue();
        assertThat(verification.body().path("checkedEvents").asLong()).isEqualTo(writers * perWriter + 1);
    }

    @Test
    void theDatabaseRefusesUpdatesAndDeletes() throws Exception {
        Api.Session owner = api.signUp(Api.unique("appendonly"));
        try (Connection c = database.connect()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate(
                    "UPDATE audit_event SET action = 'x' WHERE tenant_id = '" + owner.tenantId() + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate(
                    "DELETE FROM audit_event WHERE tenant_id = '" + owner.tenantId() + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    @Test
    void tamperingWithAStoredEventIsDetectedAndNamed() throws Exception {
        Api.Session owner = api.signUp(Api.unique("tamper"));
        Principal actor = principal(owner);
        for (int i = 0; i < 4; i++) {
            record(actor, "thing.update", null, Map.of("limit", 100 + i));
        }
        assertThat(api.get("/api/v1/audit-events/verification", owner.token()).body().path("valid").asBoolean()).isTrue();
        String victim;
        try (Connection c = database.connect(); var st = c.createStatement()) {
            var rows = st.executeQuery("SELECT id FROM audit_event WHERE tenant_id = '" + owner.tenantId() + "' AND seq = 3");
            rows.next();
            victim = rows.getString(1);
            // As the test's superuser: what an intruder with database access would do.
            st.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                st.executeUpdate("UPDATE audit_event SET after = '{\"limit\": 100000}' WHERE id = '" + victim + "'");
            } finally {
                st.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }
        Reply verification = api.get("/api/v1/audit-events/verification", owner.token());
        assertThat(verification.body().path("valid").asBoolean()).isFalse();
        assertThat(verification.body().path("firstBrokenEventId").asText()).isEqualTo(victim);
        assertThat(verification.body().path("checkedEvents").asLong()).isEqualTo(2);
    }

    @Test
    void secretsAreRedactedAtAnyDepthBeforeStorage() throws Exception {
        Api.Session owner = api.signUp(Api.unique("redact"));
        record(principal(owner), "thing.create", null, Map.of(
                "name", "visible",
                "password", "hunter2-password",
                "clientSecret", "s3cr3t-value",
                "nested", Map.of("apiKey", "bwk_live_leak", "api_token", "tok-leak", "keyId", "k-1"),
                "list", List.of(Map.of("signing_key", "pem-leak", "pepper", "pep-leak", "ok", 1))));
        try (Connection c = database.connect(); var s = c.prepareStatement(
                "SELECT after::text FROM audit_event WHERE tenant_id = ? AND action = 'thing.create'")) {
            s.setObject(1, owner.tenantId());
            var rows = s.executeQuery();
            rows.next();
            String stored = rows.getString(1);
            assertThat(stored).contains("visible", "keyId", "k-1", "\"ok\"")
                    .doesNotContain("hunter2", "s3cr3t", "bwk_live_leak", "tok-leak", "pem-leak", "pep-leak", "password", "clientSecret");
        }
        assertThat(Redaction.isSecret("Authorization_Token")).isTrue();
        assertThat(Redaction.isSecret("privateKeyPem")).isTrue();
        assertThat(Redaction.isSecret("lookupId")).isFalse();
        assertThat(api.get("/api/v1/audit-events/verification", owner.token()).body().path("valid").asBoolean()).isTrue();
    }

    @Test
    void eventsAreFilterableAndPagedNewestFirst() {
        Api.Session owner = api.signUp(Api.unique("filter"));
        Principal actor = principal(owner);
        for (int i = 0; i < 5; i++) {
            record(actor, i % 2 == 0 ? "thing.create" : "thing.delete", null, Map.of("i", i));
        }
        Reply creates = api.get("/api/v1/audit-events?action=thing.create&limit=2", owner.token());
        assertThat(creates.body().path("items")).hasSize(2);
        assertThat(creates.body().path("items").get(0).path("after").path("i").asInt()).isEqualTo(4);
        Reply rest = api.get("/api/v1/audit-events?action=thing.create&limit=2&cursor=" + creates.body().path("nextCursor").asText(), owner.token());
        assertThat(rest.body().path("items")).hasSize(1);
        assertThat(rest.body().path("items").get(0).path("after").path("i").asInt()).isZero();
        assertThat(rest.body().path("nextCursor").isNull()).isTrue();

        assertThat(api.get("/api/v1/audit-events?actor=" + owner.email(), owner.token()).body().path("items")).hasSize(6);
        assertThat(api.get("/api/v1/audit-events?actor=" + owner.userId() + "&resourceType=tenant", owner.token()).body().path("items")).hasSize(1);
        assertThat(api.get("/api/v1/audit-events?from=2999-01-01T00:00:00Z", owner.token()).body().path("items")).isEmpty();
        Reply badDate = api.get("/api/v1/audit-events?from=yesterday", owner.token());
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body().path("errors").get(0).path("path").asText()).isEqualTo("from");
        Reply first = api.get("/api/v1/audit-events", owner.token()).body() == null ? null : api.get("/api/v1/audit-events", owner.token());
        assertThat(first.body().path("items").get(0).path("requestId").isNull()).as("recorded outside a request").isTrue();
    }
}
