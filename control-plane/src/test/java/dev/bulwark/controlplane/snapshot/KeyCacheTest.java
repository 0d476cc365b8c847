package dev.bulwark.controlplane.snapshot;

import static dev.bulwark.controlplane.api.CatalogTestSupport.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.CatalogScenario;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.apikey.IssuedKey;
import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiler's key cache follows api_key through its change feed: every change is seen by the
 * next compilation, including one whose transaction commits after a later one was already read.
 */
@MicronautTest(transactional = false)
class KeyCacheTest extends RealDatabaseTest {
    @Inject KeyCache cache;
    @Inject CatalogScenario scenario;
    @Inject ApiKeyService keys;
    @Inject TransactionOperations<Connection> transactions;

    @Test
    void everyChangeIsSeenByTheNextRead() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        Application app = scenario.application(owner, "Cached");
        IssuedKey first = keys.create(owner, app.id(), new ApiKeyService.CreateKey("first", null, null, "production"));
        assertThat(ids()).contains(first.id().toString());

        IssuedKey second = keys.create(owner, app.id(), new ApiKeyService.CreateKey("second", List.of("b", "a"), null, "production"));
        IssuedKey staging = keys.create(owner, app.id(), new ApiKeyService.CreateKey("staging", null, null, "staging"));
        keys.revoke(owner, first.id());
        List<ApiKeyEntry> production = read();
        assertThat(production).extracting(ApiKeyEntry::keyId).contains(second.id().toString())
                .doesNotContain(first.id().toString(), staging.id().toString());
        assertThat(production).filteredOn(key -> key.keyId().equals(second.id().toString())).singleElement()
                .satisfies(key -> assertThat(key.scopes()).containsExactly("a", "b"));
        assertThat(production).extracting(ApiKeyEntry::keyId).isSorted();

        sql("UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = '" + second.id() + "'");
        assertThat(ids()).doesNotContain(second.id().toString());
    }

    @Test
    void aChangeCommittedAfterALaterOneWasReadIsNotMissed() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        Application app = scenario.application(owner, "Late");
        IssuedKey slow = keys.create(owner, app.id(), new ApiKeyService.CreateKey("slow", null, null, "production"));
        IssuedKey fast = keys.create(owner, app.id(), new ApiKeyService.CreateKey("fast", null, null, "production"));
        assertThat(ids()).contains(slow.id().toString(), fast.id().toString());

        try (Connection late = database.connect()) {
            late.setAutoCommit(false);
            try (PreparedStatement revoke = late.prepareStatement("UPDATE api_key SET revoked_at = now() WHERE id = ?")) {
                revoke.setObject(1, slow.id());
                revoke.executeUpdate();
            }
            // A later transaction commits first, and a compilation reads the feed in between.
            keys.revoke(owner, fast.id());
            assertThat(ids()).contains(slow.id().toString()).doesNotContain(fast.id().toString());
            late.commit();
        }
        assertThat(ids()).doesNotContain(slow.id().toString(), fast.id().toString());
    }

    private List<String> ids() {
        return read().stream().map(ApiKeyEntry::keyId).toList();
    }

    private List<ApiKeyEntry> read() {
        return transactions.executeWrite(status -> cache.keys(Environment.PRODUCTION, Instant.now()));
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement update = connection.prepareStatement(statement)) {
            update.executeUpdate();
        }
    }
}
