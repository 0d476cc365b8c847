package dev.bulwark.controlplane.apikey;

import static dev.bulwark.controlplane.api.CatalogTestSupport.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.AuditRows;
import dev.bulwark.controlplane.api.CatalogScenario;
import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@MicronautTest(transactional = false)
class ApiKeyServiceTest extends RealDatabaseTest {
    @Inject ApiKeyService keys;
    @Inject CatalogScenario scenario;

    @Test
    void issuesAKeyOnceAndStoresOnlyItsLookupIdAndDigest() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        Application app = scenario.application(owner, "Billing");

        IssuedKey live = keys.create(owner, app.id(), new ApiKeyService.CreateKey("ci", List.of("orders:read"), null, "production"));
        IssuedKey test = keys.create(owner, app.id(), new ApiKeyService.CreateKey("dev", List.of(), null, "staging"));

        assertThat(live.key()).startsWith("bwk_live_");
        assertThat(test.key()).startsWith("bwk_test_");
        assertThat(ApiKeys.isWellFormed(live.key())).isTrue();
        assertThat(live.lookupId()).isEqualTo(ApiKeys.lookupId(live.key()));
        assertThat(live.toString()).doesNotContain(live.key());
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM api_key WHERE id = ?")) {
            select.setObject(1, live.id());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("digest"))
                        .isEqualTo(new ApiKeyDigester(Base64.getDecoder().decode(TEST_PEPPER)).digest(live.key()));
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    assertThat(String.valueOf(row.getObject(column))).doesNotContain(live.key().substring(ApiKeys.LOOKUP_LENGTH));
                }
            }
        }
        assertThat(keys.list(owner.tenantId(), app.id(), KeysetCursor.of(null, null)).items())
                .extracting(ApiKey::lookupId).containsExactly(live.lookupId(), test.lookupId());
    }

    @Test
    void verifiesInConstantTimeAgainstTheDigestAndRefusesLookalikes() {
        Principal owner = newTenant(database, Role.OWNER);
        Application app = scenario.application(owner, "Verify");
        IssuedKey issued = keys.create(owner, app.id(), new ApiKeyService.CreateKey("k", List.of("a", "b"), null, "production"));

        VerifiedKey verified = keys.verify(issued.key()).orElseThrow();
        assertThat(verified.tenantId()).isEqualTo(owner.tenantId());
        assertThat(verified.applicationId()).isEqualTo(app.id());
        assertThat(verified.scopes()).containsExactly("a", "b");
        assertThat(verified.environment()).isEqualTo(Environment.PRODUCTION);

        // Same lookup id, other secret: well formed (checksum recomputed) but the digest differs.
        String forged = forgeWithLookupId(issued.lookupId());
        assertThat(ApiKeys.isWellFormed(forged)).isTrue();
        assertThat(keys.verify(forged)).isEmpty();
        String key = issued.key();
        char last = key.charAt(key.length() - 1);
        assertThat(keys.verify(key.substring(0, key.length() - 1) + (last == 'x' ? 'y' : 'x'))).as("last character changed").isEmpty();
        assertThat(keys.verify("")).isEmpty();
        assertThat(keys.verify(null)).isEmpty();
    }

    @Test
    void revocationIsImmediateAndIdempotent() {
        Principal owner = newTenant(database, Role.OWNER);
        Application app = scenario.application(owner, "Revoke");
        IssuedKey issued = keys.create(owner, app.id(), new ApiKeyService.CreateKey("k", null, null, "staging"));

        keys.revoke(owner, issued.id());
        keys.revoke(owner, issued.id());

        assertThat(keys.verify(issued.key())).isEmpty();
        assertThat(AuditRows.forResource(database, issued.id().toString())).extracting(AuditRows.Entry::action)
                .containsExactly("key.create", "key.revoke");
        assertThatThrownBy(() -> keys.rotate(owner, issued.id(), new ApiKeyService.Rotate(0)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.key()).isEqualTo("KEY_NOT_ACTIVE"));
    }

    @Test
    void rotationKeepsTheOldKeyForTheOverlapOnly() {
        Principal owner = newTenant(database, Role.OWNER);
        Application app = scenario.application(owner, "Rotate");
        IssuedKey old = keys.create(owner, app.id(), new ApiKeyService.CreateKey("k", List.of("s"), null, "production"));

        Instant before = Instant.now();
        IssuedKey successor = keys.rotate(owner, old.id(), new ApiKeyService.Rotate(3600));

        assertThat(successor.key()).isNotEqualTo(old.key());
        assertThat(successor.scopes()).containsExactly("s");
        assertThat(keys.verify(successor.key())).isPresent();
        VerifiedKey stillValid = keys.verify(old.key()).orElseThrow();
        assertThat(stillValid.expiresAt()).isBetween(before.plus(Duration.ofSeconds(3599)), Instant.now().plus(Duration.ofSeconds(3601)));

        IssuedKey immediate = keys.rotate(owner, successor.id(), new ApiKeyService.Rotate(0));
        assertThat(keys.verify(successor.key())).isEmpty();
        assertThat(keys.verify(immediate.key())).isPresent();
        assertThatThrownBy(() -> keys.rotate(owner, immediate.id(), new ApiKeyService.Rotate(604_801)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::path).containsExactly("overlapSeconds"));
    }

    @Test
    void expiredKeysNoLongerVerify() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        Application app = scenario.application(owner, "Expiry");
        IssuedKey issued = keys.create(owner, app.id(), new ApiKeyService.CreateKey("k", null,
                Instant.now().plus(Duration.ofDays(1)), "production"));
        assertThat(keys.verify(issued.key())).isPresent();

        try (Connection connection = database.connect();
             PreparedStatement update = connection.prepareStatement("UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = ?")) {
            update.setObject(1, issued.id());
            update.executeUpdate();
        }

        assertThat(keys.verify(issued.key())).isEmpty();
        assertThatThrownBy(() -> keys.create(owner, app.id(), new ApiKeyService.CreateKey("k", null, Instant.now().minusSeconds(1), "production")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::path).containsExactly("expiresAt"));
    }

    @Test
    void validationNamesEachField() {
        Principal owner = newTenant(database, Role.OWNER);
        Application app = scenario.application(owner, "Invalid");
        assertThatThrownBy(() -> keys.create(owner, app.id(), new ApiKeyService.CreateKey("", List.of("ok", "not ok"), null, "prod")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::path)
                        .containsExactly("label", "scopes[1]", "environment"));
        Principal stranger = newTenant(database, Role.OWNER);
        assertThatThrownBy(() -> keys.create(stranger, app.id(), new ApiKeyService.CreateKey("k", null, null, "staging")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void lastUsedOnlyMovesForward() {
        Principal owner = newTenant(database, Role.OWNER);
        Application app = scenario.application(owner, "Usage");
        IssuedKey issued = keys.create(owner, app.id(), new ApiKeyService.CreateKey("k", null, null, "staging"));
        Instant later = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);

        keys.markUsed(owner.tenantId(), issued.id(), later);
        keys.markUsed(owner.tenantId(), issued.id(), later.minus(365, ChronoUnit.DAYS));

        assertThat(keys.list(owner.tenantId(), app.id(), KeysetCursor.of(null, null)).items())
                .singleElement().satisfies(k -> assertThat(k.lastUsedAt()).isEqualTo(later));
    }

    @Test
    void theKeyTextAppearsInNoAuditEntryAndNoLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        // Capture everything, down to TRACE, without flooding the console meanwhile.
        List<ch.qos.logback.core.Appender<ILoggingEvent>> console = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(console::add);
        console.forEach(root::detachAppender);
        root.addAppender(logs);
        root.setLevel(Level.ALL);
        List<String> issuedKeys = new ArrayList<>();
        try {
            Principal owner = newTenant(database, Role.OWNER);
            Application app = scenario.application(owner, "Secrets");
            IssuedKey issued = keys.create(owner, app.id(), new ApiKeyService.CreateKey("k", null, null, "production"));
            issuedKeys.add(issued.key());
            IssuedKey rotated = keys.rotate(owner, issued.id(), new ApiKeyService.Rotate(60));
            issuedKeys.add(rotated.key());
            keys.verify(issued.key());
            keys.revoke(owner, rotated.id());
        } finally {
            root.setLevel(level);
            root.detachAppender(logs);
            console.forEach(root::addAppender);
        }
        assertThat(logs.list).isNotEmpty(); // the capture works: Micronaut logs at DEBUG/TRACE
        for (String key : issuedKeys) {
            String secretPart = key.substring(ApiKeys.LOOKUP_LENGTH);
            assertThat(AuditRows.all(database)).allSatisfy(entry -> {
                assertThat(String.valueOf(entry.before())).doesNotContain(secretPart);
                assertThat(String.valueOf(entry.after())).doesNotContain(secretPart);
            });
            assertThat(logs.list).allSatisfy(event -> {
                assertThat(event.getFormattedMessage()).doesNotContain(secretPart);
                assertThat(String.valueOf(event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()))
                        .doesNotContain(secretPart);
            });
        }
        assertThat(AuditRows.all(database)).extracting(AuditRows.Entry::action).contains("key.create", "key.rotate", "key.revoke");
    }

    private static String forgeWithLookupId(String lookupId) {
        String candidate;
        do {
            String random = ApiKeys.generate(dev.bulwark.contracts.apikey.KeyEnvironment.LIVE);
            String body = lookupId + random.substring(ApiKeys.LOOKUP_LENGTH, random.length() - ApiKeys.CHECKSUM_CHARS);
            candidate = withChecksum(body);
        } while (!ApiKeys.isWellFormed(candidate));
        return candidate;
    }

    /** Recomputes the CRC32 base62 checksum the way ApiKeys does, to build well-formed forgeries. */
    private static String withChecksum(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (int i = 0; i < body.length(); i++) {
            crc.update(body.charAt(i));
        }
        long value = crc.getValue();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] digits = new char[ApiKeys.CHECKSUM_CHARS];
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = alphabet.charAt((int) (value % 62));
            value /= 62;
        }
        return body + new String(digits);
    }
}
