package dev.bulwark.controlplane.apikey;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.application.ApplicationService;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issues, rotates, revokes and verifies API keys. A key exists in clear only in the response that
 * issues it: the database keeps its lookup id and an HMAC digest under the server pepper.
 */
@Singleton
public class ApiKeyService {
    public record CreateKey(String label, List<String> scopes, Instant expiresAt, String environment) {
    }

    public record Rotate(Integer overlapSeconds) {
    }

    static final int DEFAULT_OVERLAP_SECONDS = 86_400;
    static final int MAX_OVERLAP_SECONDS = 604_800;
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9:._/-]{1,100}");
    private static final int MAX_SCOPES = 50;

    private final ApiKeyRepository keys;
    private final ApiKeyDigester digester;
    private final ApplicationService applications;
    private final AuditTrail auditTrail;

    public ApiKeyService(ApiKeyRepository keys, ApiKeyDigester digester, ApplicationService applications,
                         AuditTrail auditTrail) {
        this.keys = keys;
        this.digester = digester;
        this.applications = applications;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public IssuedKey create(Principal actor, UUID applicationId, CreateKey command) {
        applications.require(actor.tenantId(), applicationId);
        List<Violation> problems = new ArrayList<>();
        String label = command.label() == null ? "" : command.label().strip();
        if (label.isEmpty() || label.length() > 100) {
            problems.add(new Violation("label", "is required (1-100 characters)"));
        }
        List<String> scopes = command.scopes() == null ? List.of() : command.scopes();
        if (scopes.size() > MAX_SCOPES) {
            problems.add(new Violation("scopes", "at most " + MAX_SCOPES + " scopes"));
        }
        for (int i = 0; i < scopes.size(); i++) {
            if (scopes.get(i) == null || !SCOPE.matcher(scopes.get(i)).matches()) {
                problems.add(new Violation("scopes[" + i + "]", "must be 1-100 of A-Z a-z 0-9 : . _ / -"));
            }
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(Instant.now())) {
            problems.add(new Violation("expiresAt", "must be in the future"));
        }
        Environment environment = null;
        try {
            environment = command.environment() == null ? null : Environment.fromWire(command.environment());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (environment == null) {
            problems.add(new Violation("environment", "must be production or staging"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        IssuedKey issued = issue(actor.tenantId(), applicationId, label, List.copyOf(scopes), environment,
                command.expiresAt(), null);
        auditTrail.record(actor, "key.create", "api_key", issued.id().toString(), null,
                require(actor.tenantId(), issued.id()));
        return issued;
    }

    @Transactional
    public Page<ApiKey> list(TenantId tenant, UUID applicationId, KeysetCursor cursor) {
        applications.require(tenant, applicationId);
        return cursor.page(keys.page(tenant, applicationId, cursor.after(), cursor.fetchSize()).stream()
                .map(ApiKeyRow::toApiKey).toList(), ApiKey::id);
    }

    /**
     * Issues a successor with the same application, label, scopes and environment; the old key
     * keeps working for the overlap (never longer than it would have anyway) so clients can switch.
     */
    @Transactional
    public IssuedKey rotate(Principal actor, UUID keyId, Rotate command) {
        int overlap = command == null || command.overlapSeconds() == null ? DEFAULT_OVERLAP_SECONDS : command.overlapSeconds();
        if (overlap < 0 || overlap > MAX_OVERLAP_SECONDS) {
            throw ProblemException.invalid("overlapSeconds", "must be between 0 and " + MAX_OVERLAP_SECONDS);
        }
        TenantId tenant = actor.tenantId();
        ApiKey old = require(tenant, keyId);
        Instant now = Instant.now();
        if (!old.status(now).equals("active")) {
            throw ProblemException.conflict("KEY_NOT_ACTIVE", "Only an active key can be rotated; this one is " + old.status(now));
        }
        IssuedKey successor = issue(tenant, old.applicationId(), old.label(), old.scopes(), old.environment(),
                old.expiresAt(), old.id());
        keys.expireBy(tenant, old.id(), now.plus(Duration.ofSeconds(overlap)).truncatedTo(ChronoUnit.MICROS));
        auditTrail.record(actor, "key.rotate", "api_key", old.id().toString(), old, require(tenant, old.id()));
        auditTrail.record(actor, "key.create", "api_key", successor.id().toString(), null, require(tenant, successor.id()));
        return successor;
    }

    @Transactional
    public void revoke(Principal actor, UUID keyId) {
        TenantId tenant = actor.tenantId();
        ApiKey before = require(tenant, keyId);
        if (keys.revoke(tenant, keyId, Instant.now()) == 1) {
            auditTrail.record(actor, "key.revoke", "api_key", keyId.toString(), before, require(tenant, keyId));
        }
    }

    /**
     * The key's owner when the presented text is a well-formed key, its digest matches (compared in
     * constant time) and it is neither revoked nor expired. Empty otherwise, without saying why.
     */
    @Transactional
    public Optional<VerifiedKey> verify(String presented) {
        if (!ApiKeys.isWellFormed(presented)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return keys.findByLookupId(ApiKeys.lookupId(presented))
                .filter(stored -> digester.matches(presented, stored.digest()))
                .filter(stored -> stored.toApiKey().status(now).equals("active"))
                .map(stored -> new VerifiedKey(stored.id(), stored.tenantId(), stored.applicationId(),
                        stored.scopes(), stored.environment(), stored.expiresAt()));
    }

    /** For usage ingestion: when a key was last seen on the gateway. */
    @Transactional
    public void markUsed(TenantId tenant, UUID keyId, Instant at) {
        keys.markUsed(tenant, keyId, at);
    }

    /** The tenant's key, or empty (another tenant's id included). */
    @Transactional
    public Optional<ApiKey> find(TenantId tenant, UUID keyId) {
        return keys.findByTenantIdAndId(tenant, keyId).map(ApiKeyRow::toApiKey);
    }

    private ApiKey require(TenantId tenant, UUID keyId) {
        return find(tenant, keyId).orElseThrow(() -> ProblemException.notFound("API key"));
    }

    private IssuedKey issue(TenantId tenant, UUID applicationId, String label, List<String> scopes, Environment environment,
                            Instant expiresAt, UUID rotatedFrom) {
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        // Lookup ids carry ~47 random bits: a clash is rare but possible at scale, so draw again.
        for (int attempt = 0; attempt < 5; attempt++) {
            String key = ApiKeys.generate(environment.keyEnvironment());
            ApiKey row = new ApiKey(Ids.next(), applicationId, ApiKeys.lookupId(key), label, scopes, environment, expires,
                    null, null, rotatedFrom, createdAt);
            if (keys.insertUnlessTaken(row.id(), tenant, applicationId, row.lookupId(), digester.digest(key), label,
                    scopes, environment, expires, rotatedFrom, createdAt) == 1) {
                return new IssuedKey(row.id(), key, row.lookupId(), applicationId, label, scopes, expires, environment, createdAt);
            }
        }
        throw new IllegalStateException("could not draw an unused key lookup id");
    }

    /** Within the tenant's closure: every key stops (the api_key change feed carries it to the gateways). */
    @Transactional
    public int revokeAll(TenantId tenant, Instant at) {
        return keys.revokeAllOfTenant(tenant, at);
    }
}
