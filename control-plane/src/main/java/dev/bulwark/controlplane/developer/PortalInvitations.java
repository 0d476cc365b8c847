package dev.bulwark.controlplane.developer;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.secret.OpaqueTokens;
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

    private final DeveloperRepository repository;
    private final AuditTrail audit;

    public PortalInvitations(DeveloperRepository repository, AuditTrail audit) {
        this.repository = repository;
        this.audit = audit;
    }

    @Transactional
    public PortalInvitation issue(Principal actor, UUID developerId) {
        DeveloperRepository.InvitationTarget target = repository.lockInvitationTarget(actor.tenantId(), developerId)
                .orElseThrow(() -> ProblemException.notFound("Developer"));
        if (target.signedUp()) {
            throw new ProblemException(409, "DEVELOPER_SIGNED_UP", "Already signed up",
                    "This developer already has a portal account; they log in with it", null);
        }
        String token = OpaqueTokens.issue(PREFIX);
        Instant expires = Instant.now().plus(VALIDITY).truncatedTo(ChronoUnit.MICROS);
        repository.setInvitation(actor.tenantId(), developerId, OpaqueTokens.sha256(token), expires);
        audit.record(actor, "developer.portal-invitation", "developer", developerId.toString(), null,
                Map.of("email", target.email(), "expiresAt", expires.toString()));
        // The token travels in the fragment: browsers never send it to a server, so it stays out of access
        // logs, proxies and Referer headers.
        String path = "/portal/dev/" + target.slug() + "/signup#invitation=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
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
        return repository.lockClaimable(tenant, email, OpaqueTokens.sha256(token), Instant.now());
    }

    /** Consumes the invitation of a developer who just claimed their record. */
    public void consume(TenantId tenant, UUID developerId) {
        repository.clearInvitation(tenant, developerId);
    }

}
