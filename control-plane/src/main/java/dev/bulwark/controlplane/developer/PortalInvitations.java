package dev.bulwark.controlplane.developer;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.secret.OpaqueTokens;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations that let a console-registered developer claim their record in the portal. A random
 * 256-bit token (high entropy: SHA-256 is enough, no slow hash), valid 7 days, one per developer
 * (issuing again replaces it), consumed by the sign-up that claims the record.
 */
@Singleton
public class PortalInvitations {
    static final Duration VALIDITY = Duration.ofDays(7);
    private static final String PREFIX = "bwdinv_";

    private final Sql sql;
    private final AuditTrail audit;

    public PortalInvitations(Sql sql, AuditTrail audit) {
        this.sql = sql;
        this.audit = audit;
    }

    @Transactional
    public PortalInvitation issue(Principal actor, UUID developerId) {
        record Target(String email, boolean signedUp, String slug) {
        }
        Target target = sql.one("""
                        SELECT d.email, d.password_hash IS NOT NULL AS signed_up, t.slug FROM developer d
                        JOIN tenant t ON t.id = d.tenant_id WHERE d.tenant_id = ? AND d.id = ? FOR UPDATE OF d""",
                        row -> new Target(row.getString("email"), row.getBoolean("signed_up"), row.getString("slug")),
                        actor.tenantId().value(), developerId)
                .orElseThrow(() -> ProblemException.notFound("Developer"));
        if (target.signedUp()) {
            throw new ProblemException(409, "DEVELOPER_SIGNED_UP", "Already signed up",
                    "This developer already has a portal account; they log in with it", null);
        }
        String token = OpaqueTokens.issue(PREFIX);
        Instant expires = Instant.now().plus(VALIDITY).truncatedTo(ChronoUnit.MICROS);
        sql.update("UPDATE developer SET portal_invitation_hash = ?, portal_invitation_expires_at = ? WHERE tenant_id = ? AND id = ?",
                OpaqueTokens.sha256(token), expires, actor.tenantId().value(), developerId);
        audit.record(actor, "developer.portal-invitation", "developer", developerId.toString(), null,
                Map.of("email", target.email(), "expiresAt", expires.toString()));
        String path = "/portal/dev/" + target.slug() + "/signup?invitation=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&email=" + URLEncoder.encode(target.email(), StandardCharsets.UTF_8);
        return new PortalInvitation(developerId, target.email(), token, path, expires);
    }

    /**
     * The password-less developer of this tenant that a valid invitation for {@code email} names;
     * empty for a missing, wrong, expired or already used token. Locks the row: call in the claiming transaction.
     */
    public Optional<UUID> claimable(TenantId tenant, String email, String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return sql.one("""
                        SELECT id FROM developer WHERE tenant_id = ? AND email = ? AND password_hash IS NULL
                        AND portal_invitation_hash = ? AND portal_invitation_expires_at > ? FOR UPDATE""",
                row -> row.getObject("id", UUID.class), tenant.value(), email, OpaqueTokens.sha256(token), Instant.now());
    }

    /** Consumes the invitation of a developer who just claimed their record. */
    public void consume(TenantId tenant, UUID developerId) {
        sql.update("UPDATE developer SET portal_invitation_hash = NULL, portal_invitation_expires_at = NULL WHERE tenant_id = ? AND id = ?",
                tenant.value(), developerId);
    }

}
