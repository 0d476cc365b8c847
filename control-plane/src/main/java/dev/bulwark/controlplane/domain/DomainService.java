package dev.bulwark.controlplane.domain;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which hosts a tenant may bind its APIs to: names it proved it controls (a verified
 * {@link DomainClaim}, exact name), and the subdomain the platform assigns it,
 * {@code <tenant-slug>.<bulwark.platform.api-domain>} and every name below it, which needs no proof
 * because the platform operator owns the base domain. Anything else would let a tenant answer for
 * a name its callers trust someone else with.
 */
@Singleton
public class DomainService {
    private static final Pattern NAME = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern NUMERIC_TLD = Pattern.compile(".*\\.[0-9-]+$");
    private static final List<String> RESERVED_SUFFIXES = List.of("localhost", "local", "internal", "invalid", "test", "example",
            "home.arpa", "in-addr.arpa", "ip6.arpa");

    public record Claim(String domain) {
    }

    public record Verify(String method) {
    }

    private final DomainClaimRepository claims;
    private final Tenants tenants;
    private final DomainVerifier verifier;
    private final AuditTrail auditTrail;
    private final TransactionOperations<Connection> transactions;
    private final String platformDomain;
    private final SecureRandom random = new SecureRandom();

    public DomainService(DomainClaimRepository claims, Tenants tenants, DomainVerifier verifier, AuditTrail auditTrail,
                         TransactionOperations<Connection> transactions,
                         @Value("${bulwark.platform.api-domain:}") String platformDomain) {
        this.claims = claims;
        this.tenants = tenants;
        this.verifier = verifier;
        this.auditTrail = auditTrail;
        this.transactions = transactions;
        String base = platformDomain == null ? "" : platformDomain.strip().toLowerCase(Locale.ROOT);
        this.platformDomain = base.endsWith(".") ? base.substring(0, base.length() - 1) : base;
    }

    public List<DomainClaimView> list(TenantId tenant) {
        return transactions.executeRead(status -> claims.list(tenant).stream().map(DomainClaimRow::toClaim).map(DomainClaimView::of).toList());
    }

    public DomainClaimView get(TenantId tenant, UUID id) {
        return transactions.executeRead(status -> DomainClaimView.of(require(tenant, id)));
    }

    /** The platform-assigned name of this tenant, when the platform has an API domain. */
    public Optional<String> platformDomain(TenantId tenant) {
        if (platformDomain.isEmpty()) {
            return Optional.empty();
        }
        return transactions.executeRead(status -> slug(tenant)).map(slug -> slug + "." + platformDomain);
    }

    public DomainClaimView create(Principal actor, Claim command) {
        String domain = normalise(command == null ? null : command.domain());
        return transactions.executeWrite(status -> {
            TenantId tenant = actor.tenantId();
            if (claims.findByTenantIdAndDomain(tenant, domain).isPresent()) {
                throw new ProblemException(409, "DOMAIN_ALREADY_CLAIMED", "Conflict", "This tenant already claims this domain",
                        List.of(new Violation("domain", "is already claimed by this tenant")));
            }
            if (claims.countByTenantId(tenant) >= DomainClaimRepository.MAX_PER_TENANT) {
                throw ProblemException.conflict("DOMAIN_CLAIM_LIMIT", "A tenant can hold at most "
                        + DomainClaimRepository.MAX_PER_TENANT + " domain claims");
            }
            byte[] token = new byte[24];
            random.nextBytes(token);
            DomainClaim claim = new DomainClaim(UUID.randomUUID(), domain,
                    "bulwark-" + Base64.getUrlEncoder().withoutPadding().encodeToString(token), null, null,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            claims.insert(DomainClaimRow.of(tenant, claim));
            DomainClaimView view = DomainClaimView.of(claim);
            auditTrail.record(actor, "domain.claim", "domain", claim.id().toString(), null, view);
            return view;
        });
    }

    /** Runs the check outside any transaction (it waits on the network), then records the proof. */
    public DomainClaimView verify(Principal actor, UUID id, Verify command) {
        String method = command == null || command.method() == null ? "dns" : command.method().strip().toLowerCase(Locale.ROOT);
        if (!method.equals("dns") && !method.equals("http")) {
            throw ProblemException.invalid("method", "must be dns or http");
        }
        DomainClaim claim = transactions.executeRead(status -> require(actor.tenantId(), id));
        if (claim.verified()) {
            return DomainClaimView.of(claim);
        }
        DomainVerifier.Result result = method.equals("dns") ? verifier.byDns(claim) : verifier.byHttp(claim);
        if (!result.proved()) {
            throw new ProblemException(409, "DOMAIN_NOT_VERIFIED", "Conflict", "The domain could not be verified: " + result.reason(),
                    List.of(new Violation("domain", result.reason())));
        }
        try {
            return transactions.executeWrite(status -> {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                claims.markVerified(actor.tenantId(), id, method, now);
                DomainClaim verified = require(actor.tenantId(), id);
                DomainClaimView view = DomainClaimView.of(verified);
                auditTrail.record(actor, "domain.verify", "domain", id.toString(), DomainClaimView.of(claim), view);
                return view;
            });
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new ProblemException(409, "DOMAIN_TAKEN", "Conflict", "Another tenant has already verified this domain",
                        List.of(new Violation("domain", "is verified by another tenant")));
            }
            throw e;
        }
    }

    public void delete(Principal actor, UUID id) {
        transactions.executeWrite(status -> {
            DomainClaim claim = require(actor.tenantId(), id);
            if (claim.verified() && claims.hostInUse(actor.tenantId(), claim.domain())) {
                throw new ProblemException(409, "DOMAIN_IN_USE", "Conflict",
                        "A published API is bound to this domain; move or retire it first",
                        List.of(new Violation("domain", "is the host of a published API")));
            }
            claims.deleteByTenantIdAndId(actor.tenantId(), id);
            auditTrail.record(actor, "domain.delete", "domain", id.toString(), DomainClaimView.of(claim), null);
            return null;
        });
    }

    /**
     * True when the tenant may route on {@code host}: its platform subdomain (or a name below it),
     * or a name it verified. Call inside the caller's transaction.
     */
    public boolean owns(TenantId tenant, String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!platformDomain.isEmpty()) {
            Optional<String> assigned = slug(tenant).map(slug -> slug + "." + platformDomain);
            if (assigned.isPresent() && (name.equals(assigned.get()) || name.endsWith("." + assigned.get()))) {
                return true;
            }
        }
        return claims.existsByTenantIdAndDomainAndVerifiedAtIsNotNull(tenant, name);
    }

    private DomainClaim require(TenantId tenant, UUID id) {
        return claims.findByTenantIdAndId(tenant, id).map(DomainClaimRow::toClaim)
                .orElseThrow(() -> ProblemException.notFound("Domain claim"));
    }

    private Optional<String> slug(TenantId tenant) {
        return tenants.find(tenant).map(Tenants.Tenant::slug);
    }

    private String normalise(String domain) {
        String name = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!NAME.matcher(name).matches() || NUMERIC_TLD.matcher(name).matches()) {
            throw ProblemException.invalid("domain", "must be a DNS name of at least two labels, without scheme, port or path");
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (name.equals(suffix) || name.endsWith("." + suffix)) {
                throw ProblemException.invalid("domain", "is a reserved name that cannot be proved");
            }
        }
        if (!platformDomain.isEmpty() && (name.equals(platformDomain) || name.endsWith("." + platformDomain))) {
            throw ProblemException.invalid("domain", "is under the platform's API domain; each tenant is assigned its own name there");
        }
        return name;
    }
}
