package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's minimum audit score for serving an API in production. Staging is never gated: it is
 * where a low-scoring API gets fixed and scanned. Joins the caller's transaction.
 */
@Singleton
public class PublishGate {
    public static final String KEY = "PUBLISH_GATE";

    private final Sql sql;

    PublishGate(Sql sql) {
        this.sql = sql;
    }

    /** The minimum score, or empty when the tenant set none. */
    public Optional<Integer> minimumScore(TenantId tenant) {
        return sql.one("SELECT coalesce(min_publish_score, -1) FROM tenant WHERE id = ?", row -> row.getInt(1), tenant)
                .filter(score -> score >= 0);
    }

    /** Sets (or with 0, effectively lifts) the minimum; the tenant row's version is the settings' ETag. */
    public long setMinimumScore(TenantId tenant, int score, long expectedVersion) {
        int updated = sql.update("UPDATE tenant SET min_publish_score = ?, version = version + 1 WHERE id = ? AND version = ?",
                score, tenant, expectedVersion);
        if (updated != 1) {
            throw ETags.stale();
        }
        return expectedVersion + 1;
    }

    /** Refuses (409 naming the gate and both scores) when production would serve an API scored under the minimum. */
    void check(TenantId tenant, List<EnvironmentConfig> environments, ApiAudits.AuditView audit) {
        boolean production = environments.stream()
                .anyMatch(e -> e.environment() == Environment.PRODUCTION && e.isServing());
        if (!production) {
            return;
        }
        minimumScore(tenant).filter(minimum -> audit.score() < minimum).ifPresent(minimum -> {
            throw new ProblemException(409, KEY, "Conflict",
                    "The API's audit score " + audit.score() + " is below the tenant's minimum score " + minimum
                            + " for production (publish gate minimumPublishScore)",
                    List.of(new Violation("minimumPublishScore", "audit score " + audit.score() + " is below " + minimum)));
        });
    }
}
