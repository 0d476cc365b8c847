package dev.bulwark.controlplane.dataplane;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.secret.OpaqueTokens;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issues, authenticates and revokes data-plane credentials: {@code bwdp_} followed by 256 random
 * bits in base64url. Only their SHA-256 is stored; with that much entropy a keyed or slow hash
 * would add nothing, and the lookup by digest is a single indexed read.
 * <p>{@code data_plane_credential} is a platform table ({@link DataPlaneCredentialRepository}).
 */
@Singleton
public class DataPlaneCredentials {
    static final String PREFIX = "bwdp_";
    private static final Pattern FORMAT = Pattern.compile("bwdp_[A-Za-z0-9_-]{43}");
    private static final int SHOWN_PREFIX = 12;

    /** Who a presented credential belongs to. */
    public record Holder(UUID credentialId, String environment, String name) {
    }

    private final DataPlaneCredentialRepository credentials;
    private final AuditTrail audit;

    DataPlaneCredentials(DataPlaneCredentialRepository credentials, AuditTrail audit) {
        this.credentials = credentials;
        this.audit = audit;
    }

    /** Issues a credential and records it in the issuer's audit trail, in one transaction. */
    @Transactional
    public IssuedCredential issue(String environment, String name, Principal issuer) {
        IssuedCredential issued = issue(environment, name, issuer.email());
        audit.record(issuer, "data-plane-credential.issue", "data-plane-credential", issued.id().toString(), null,
                Map.of("environment", environment, "name", name, "prefix", issued.prefix()));
        return issued;
    }

    /** Revokes a credential and records it in the revoker's audit trail, in one transaction. */
    @Transactional
    public boolean revoke(UUID id, Principal revoker) {
        boolean revoked = revoke(id);
        if (revoked) {
            audit.record(revoker, "data-plane-credential.revoke", "data-plane-credential", id.toString(), null, null);
        }
        return revoked;
    }

    @Transactional
    public IssuedCredential issue(String environment, String name, String issuedBy) {
        String credential = OpaqueTokens.issue(PREFIX);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String prefix = credential.substring(0, SHOWN_PREFIX);
        credentials.insert(new DataPlaneCredentialRow(id, environment, name, OpaqueTokens.sha256Hex(credential), prefix, now, issuedBy,
                null, null));
        return new IssuedCredential(id, environment, name, prefix, credential, now);
    }

    /**
     * Stores a credential chosen elsewhere (the bootstrap one) unless its digest is already known.
     * @return true when it was added
     */
    @Transactional
    public boolean register(String environment, String name, String credential, String issuedBy) {
        if (!FORMAT.matcher(credential).matches()) {
            throw new IllegalArgumentException("a data-plane credential is bwdp_ followed by 43 base64url characters");
        }
        return credentials.insertUnlessKnown(UUID.randomUUID(), environment, name, OpaqueTokens.sha256Hex(credential),
                credential.substring(0, SHOWN_PREFIX), Instant.now().truncatedTo(ChronoUnit.MICROS), issuedBy) == 1;
    }

    /** The holder of a valid, unrevoked credential; empty for anything else, malformed input included. */
    @Transactional
    public Optional<Holder> authenticate(String credential) {
        if (credential == null || !FORMAT.matcher(credential).matches()) {
            return Optional.empty();
        }
        Optional<DataPlaneCredentialRow> row = credentials.findBySecretHashAndRevokedAtIsNull(OpaqueTokens.sha256Hex(credential));
        row.ifPresent(found -> credentials.touch(found.id()));
        return row.map(found -> new Holder(found.id(), found.environment(), found.name()));
    }

    /** Revokes a credential; true when it existed and was active. Connected data planes using it are disconnected by the caller. */
    @Transactional
    public boolean revoke(UUID id) {
        return credentials.revoke(id) == 1;
    }

    /** Which of these credentials have been revoked (by any control-plane replica). */
    @Transactional(readOnly = true)
    public Set<UUID> revokedAmong(Collection<UUID> ids) {
        return ids.isEmpty() ? Set.of() : Set.copyOf(credentials.revokedAmong(ids));
    }

    @Transactional(readOnly = true)
    public List<DataPlaneCredential> list() {
        return credentials.list().stream().map(DataPlaneCredentialRow::toCredential).toList();
    }
}
