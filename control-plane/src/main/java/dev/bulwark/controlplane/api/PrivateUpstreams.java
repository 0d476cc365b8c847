package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.net.Cidr;
import dev.bulwark.contracts.net.Endpoint;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which private networks a tenant's upstreams may reach: an operator decision, never a tenant's.
 * The networks are the operator's defaults for every tenant ({@code bulwark.upstreams.default-private-cidrs},
 * env {@code BULWARK_DEFAULT_PRIVATE_UPSTREAM_CIDRS}; {@code ./bulwark up} sets 127.0.0.0/8) plus the
 * tenant's own list, set by a platform administrator. The platform's own endpoints
 * ({@code bulwark.upstreams.platform-endpoints}, env {@code BULWARK_PLATFORM_ENDPOINTS}, plus this
 * control plane's port on loopback) are refused whatever the networks say; both travel in the
 * snapshot so the gateway checks the address it connects to against the same rules.
 * <p>The tenant's own list is a column of its tenant row ({@link TenantNetworksRepository}).
 */
@Singleton
public class PrivateUpstreams {
    public static final int MAX_CIDRS = 32;

    private final TenantNetworksRepository networks;
    private final AuditTrail audit;
    private final List<String> defaults;
    private final List<String> platformEndpoints;

    PrivateUpstreams(TenantNetworksRepository networks, AuditTrail audit,
                     @Value("${bulwark.upstreams.default-private-cidrs:}") List<String> defaults,
                     @Value("${bulwark.upstreams.platform-endpoints:}") List<String> platformEndpoints,
                     @Value("${micronaut.server.port:8080}") int controlPlanePort) {
        this.networks = networks;
        this.audit = audit;
        this.defaults = canonical(defaults, "bulwark.upstreams.default-private-cidrs");
        Set<String> endpoints = new LinkedHashSet<>();
        for (String text : platformEndpoints) {
            if (!text.isBlank()) {
                try {
                    Endpoint.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("bulwark.upstreams.platform-endpoints: " + e.getMessage());
                }
                endpoints.add(text.trim());
            }
        }
        if (controlPlanePort > 0) {
            endpoints.add("127.0.0.0/8:" + controlPlanePort);
            endpoints.add("[::1]:" + controlPlanePort);
        }
        this.platformEndpoints = List.copyOf(endpoints);
    }

    /** The networks the tenant may use: the operator's defaults and the tenant's own list. */
    @Transactional(readOnly = true)
    public List<String> tenantCidrs(TenantId tenant) {
        Set<String> all = new LinkedHashSet<>(defaults);
        all.addAll(tenantOwn(tenant));
        return List.copyOf(all);
    }

    /** For the snapshot, which reads the tenant's own list in the same query as the API. */
    public List<String> apiCidrs(boolean apiOptedIn, List<String> tenantOwn) {
        if (!apiOptedIn) {
            return List.of();
        }
        Set<String> all = new LinkedHashSet<>(defaults);
        all.addAll(tenantOwn);
        return List.copyOf(all);
    }

    /** What an API may use: nothing unless it opted in. */
    public List<String> apiCidrs(TenantId tenant, boolean apiOptedIn) {
        return apiOptedIn ? tenantCidrs(tenant) : List.of();
    }

    public List<String> platformEndpoints() {
        return platformEndpoints;
    }

    public UpstreamGuard.Allowance allowance(TenantId tenant, boolean apiOptedIn) {
        return new UpstreamGuard.Allowance(apiCidrs(tenant, apiOptedIn).stream().map(Cidr::parse).toList(),
                platformEndpoints.stream().map(Endpoint::parse).toList());
    }

    @Transactional(readOnly = true)
    public List<String> tenantOwn(TenantId tenant) {
        return networks.findById(tenant).map(row -> List.of(row.privateUpstreamCidrs()))
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
    }

    /** Replaces the tenant's own list; the caller is a platform administrator (checked by the controller). */
    @Transactional
    public List<String> setTenantOwn(Principal operator, TenantId tenant, List<String> cidrs) {
        List<Violation> problems = new ArrayList<>();
        if (cidrs == null) {
            throw ProblemException.invalid("cidrs", "is required");
        }
        if (cidrs.size() > MAX_CIDRS) {
            throw ProblemException.invalid("cidrs", "at most " + MAX_CIDRS + " networks");
        }
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < cidrs.size(); i++) {
            try {
                canonical.add(canonical(cidrs.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(new Violation("cidrs[" + i + "]", "must be a numeric network such as 10.0.0.0/8 or fd00::/8"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        List<String> before = tenantOwn(tenant);
        List<String> after = List.copyOf(new LinkedHashSet<>(canonical));
        networks.updateCidrs(tenant, after.toArray(String[]::new));
        audit.record(operator, "platform.tenant.private-upstreams", "tenant", tenant.toString(),
                Map.of("cidrs", before), Map.of("cidrs", after));
        return after;
    }

    private static List<String> canonical(List<String> texts, String setting) {
        List<String> result = new ArrayList<>();
        for (String text : texts) {
            if (text.isBlank()) {
                continue;
            }
            try {
                result.add(canonical(text));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(setting + ": " + e.getMessage());
            }
        }
        return List.copyOf(result);
    }

    /** Validated and written back with its prefix length, e.g. {@code 10.0.0.1} becomes {@code 10.0.0.1/32}. */
    static String canonical(String text) {
        Cidr cidr = Cidr.parse(text == null ? "" : text.trim());
        return dev.bulwark.contracts.net.IpAddresses.format(cidr.network()) + "/" + cidr.prefixLength();
    }
}
