package dev.bulwark.controlplane.identity.token;

import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Rows of {@code signing_key}; the private key arrives and leaves sealed under the KEK.
 * Hand SQL: rotation runs under a transaction-scoped advisory lock, so replicas never rotate the platform's
 * signing key twice.
 */
@Singleton
class SigningKeyStore {
    record Row(String kid, String publicJwk, byte[] sealedPrivateKey, String kekId, Instant createdAt,
               Instant retiredAt, Instant publishedUntil) {
    }

    private final Sql sql;

    SigningKeyStore(Sql sql) {
        this.sql = sql;
    }

    @Transactional
    List<Row> published(Instant now) {
        return sql.list("""
                SELECT kid, public_jwk, private_key_enc, kek_id, created_at, retired_at, published_until
                FROM signing_key WHERE published_until IS NULL OR published_until > ? ORDER BY created_at DESC""",
                row -> new Row(row.getString("kid"), row.getString("public_jwk"), row.getBytes("private_key_enc"),
                        row.getString("kek_id"), Sql.instant(row, "created_at"), Sql.instant(row, "retired_at"),
                        Sql.instant(row, "published_until")), now);
    }

    /**
     * Retires every current key (they stay published until their last token expires) and inserts
     * the new current one. A transaction-scoped advisory lock makes concurrent replicas rotate once.
     */
    @Transactional
    boolean rotate(Row next, Instant now, Instant retiredPublishedUntil, Instant onlyIfCurrentOlderThan) {
        sql.list("SELECT pg_advisory_xact_lock(8124001)", row -> 1);
        boolean due = sql.one("SELECT count(*) AS n FROM signing_key WHERE retired_at IS NULL AND created_at > ?",
                row -> row.getLong("n"), onlyIfCurrentOlderThan).orElse(0L) == 0;
        if (!due) {
            return false;
        }
        sql.update("UPDATE signing_key SET retired_at = ?, published_until = ? WHERE retired_at IS NULL",
                now, retiredPublishedUntil);
        sql.update("""
                INSERT INTO signing_key (kid, algorithm, public_jwk, private_key_enc, kek_id, created_at)
                VALUES (?, 'ES256', ?, ?, ?, ?)""",
                next.kid(), next.publicJwk(), next.sealedPrivateKey(), next.kekId(), next.createdAt());
        return true;
    }

    @Transactional
    int purgeExpired(Instant now) {
        return sql.update("DELETE FROM signing_key WHERE published_until IS NOT NULL AND published_until < ?", now);
    }
}
