package dev.bulwark.controlplane.securityevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class SecurityEventQueriesTest extends RealDatabaseTest {
    private static final TenantId TENANT_A = new TenantId(UUID.randomUUID());
    private static final TenantId TENANT_B = new TenantId(UUID.randomUUID());
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    private static final Instant FROM = BASE.minusSeconds(60);
    private static final Instant TO = BASE.plusSeconds(600);

    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    SecurityEventQueries queries;

    @BeforeAll
    void store() {
        transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            // The ingester creates daily partitions; a default partition is enough for query tests.
            connection.createStatement().execute("CREATE TABLE security_event_test PARTITION OF security_event DEFAULT");
            List<SecurityEventWriter.Row> rows = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                SecurityEventType type = i % 2 == 0 ? SecurityEventType.AUTHENTICATION_FAILURE : SecurityEventType.RATE_LIMITED;
                rows.add(row(TENANT_A, "a-" + i, type, i < 5 ? "api-1" : "api-2", i == 3 ? "app-3" : null,
                        i == 4 ? "2001:DB8:0:0:0:0:0:1" : "198.51.100." + i, BASE.plusSeconds(i)));
            }
            // Two events in the same instant: the id breaks the tie so paging neither skips nor repeats.
            rows.add(row(TENANT_A, "a-7", SecurityEventType.IP_BLOCKED, "api-1", null, "198.51.100.7", BASE.plusSeconds(6)));
            rows.add(row(TENANT_B, "b-1", SecurityEventType.AUTHENTICATION_FAILURE, "api-1", null, "198.51.100.1", BASE.plusSeconds(1)));
            new SecurityEventWriter().write(connection, rows);
            return null;
        });
    }

    private static SecurityEventWriter.Row row(TenantId tenant, String id, SecurityEventType type, String api, String app,
                                               String ip, Instant at) {
        return new SecurityEventWriter.Row(id, tenant.value(), new SecurityEvent("gw-" + id, at, "production", type,
                "KEY_" + type.name(), tenant.toString(), api, app, ip, "GET", "/pets/1", "detail"));
    }

    @Test
    void threatDetailsAreStoredAndFilteredByFamilyWithinTheTenant() {
        Instant at = BASE.minusSeconds(3_000);
        transactions.executeWrite(status -> new SecurityEventWriter().write(status.getConnection(), List.of(
                threatRow(TENANT_A, "t-1", at, new ThreatMatch("sql-union-select", ThreatFamily.SQL, "query.q", true)),
                threatRow(TENANT_A, "t-2", at.plusSeconds(1), new ThreatMatch("xss-script-tag", ThreatFamily.XSS, "body/comment", false)),
                threatRow(TENANT_B, "t-3", at.plusSeconds(2), new ThreatMatch("sql-tautology", ThreatFamily.SQL, "query.id", true)))));
        Instant from = at.minusSeconds(1);
        Instant to = at.plusSeconds(10);

        assertThat(queries.list(TENANT_A, new SecurityEventQueries.Filter(null, null, null, null, ThreatFamily.SQL, from, to), 50, null)
                .items()).singleElement().satisfies(event -> {
                    assertThat(event.id()).isEqualTo("t-1");
                    assertThat(event.type()).isEqualTo("injection");
                    assertThat(event.threat()).isEqualTo(new SecurityEventView.Threat("sql-union-select", "sql", "query.q", true));
                });
        assertThat(queries.list(TENANT_A, new SecurityEventQueries.Filter(null, null, null, null, null, from, to), 50, null).items())
                .extracting(SecurityEventView::threat)
                .containsExactly(new SecurityEventView.Threat("xss-script-tag", "xss", "body/comment", false),
                        new SecurityEventView.Threat("sql-union-select", "sql", "query.q", true));
        assertThat(queries.list(TENANT_A, all(), 50, null).items()).allSatisfy(event -> assertThat(event.threat()).isNull());
    }

    private static SecurityEventWriter.Row threatRow(TenantId tenant, String id, Instant at, ThreatMatch threat) {
        return new SecurityEventWriter.Row(id, tenant.value(), new SecurityEvent("gw-" + id, at, "production", SecurityEventType.INJECTION,
                "INJECTION_DETECTED", tenant.toString(), "api-1", null, "198.51.100.9", "GET", "/pets", null, threat));
    }

    private static SecurityEventQueries.Filter all() {
        return new SecurityEventQueries.Filter(null, null, null, null, null, FROM, TO);
    }

    @Test
    void pagesNewestFirstWithoutGapsOrRepeatsAndNeverShowAnotherTenant() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<SecurityEventView> page = queries.list(TENANT_A, all(), 3, cursor);
            page.items().forEach(event -> seen.add(event.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly("a-7", "a-6", "a-5", "a-4", "a-3", "a-2", "a-1", "a-0");
        assertThat(pages).isEqualTo(3);
        assertThat(queries.list(TENANT_B, all(), 50, null).items()).extracting(SecurityEventView::id).containsExactly("b-1");
    }

    @Test
    void filtersNarrowByTypeApiApplicationClientIpAndTime() {
        assertThat(queries.list(TENANT_A, new SecurityEventQueries.Filter(SecurityEventType.RATE_LIMITED, null, null, null, null, FROM, TO), 50, null)
                .items()).extracting(SecurityEventView::id).containsExactly("a-5", "a-3", "a-1");
        assertThat(queries.list(TENANT_A, new SecurityEventQueries.Filter(null, "api-2", null, null, null, FROM, TO), 50, null)
                .items()).extracting(SecurityEventView::id).containsExactly("a-6", "a-5");
        assertThat(queries.list(TENANT_A, new SecurityEventQueries.Filter(null, null, "app-3", null, null, FROM, TO), 50, null)
                .items()).extracting(SecurityEventView::id).containsExactly("a-3");
        List<SecurityEventView> v6 = queries.list(TENANT_A,
                new SecurityEventQueries.Filter(null, null, null, SecurityEventWriter.normalisedIp("2001:db8::1"), null, FROM, TO), 50, null).items();
        assertThat(v6).extracting(SecurityEventView::id).containsExactly("a-4");
        assertThat(v6.getFirst().type()).isEqualTo("authentication-failure");
        assertThat(v6.getFirst().eventId()).isEqualTo("gw-a-4");
        assertThat(queries.list(TENANT_A, new SecurityEventQueries.Filter(null, null, null, null, null, BASE.plusSeconds(2), BASE.plusSeconds(4)), 50, null)
                .items()).extracting(SecurityEventView::id).containsExactly("a-3", "a-2");
    }

    @Test
    void aForgedCursorIsRefusedNamingTheField() {
        assertThatThrownBy(() -> queries.list(TENANT_A, all(), 3, "not-a-cursor!"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors().getFirst().path()).isEqualTo("cursor"));
    }
}
