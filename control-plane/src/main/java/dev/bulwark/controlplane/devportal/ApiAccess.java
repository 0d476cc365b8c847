package dev.bulwark.controlplane.devportal;

import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.contracts.policy.JwtAuthConfig;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.controlplane.api.Api;
import dev.bulwark.controlplane.dataplane.DataPlaneRegistry;
import dev.bulwark.controlplane.kernel.Environment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a developer calls a published API: the gateways' advertised URLs per serving environment, the
 * credential the API's authentication policy reads, and the API-level limits. Derived from the
 * same configuration the gateway enforces, so the portal cannot promise what the gateway refuses.
 */
@Singleton
public class ApiAccess {
    private final DataPlaneRegistry dataPlanes;

    public ApiAccess(DataPlaneRegistry dataPlanes) {
        this.dataPlanes = dataPlanes;
    }

    public CatalogViews.Access of(Api api, List<String> servingEnvironments) {
        Map<String, String> urls = dataPlanes.publicUrls();
        List<CatalogViews.Endpoint> endpoints = servingEnvironments.stream()
                .map(env -> new CatalogViews.Endpoint(env, join(urls.get(env), api.basePath()), keyPrefix(env)))
                .toList();
        CatalogViews.RateLimit rateLimit = null;
        CatalogViews.Quota quota = null;
        for (PolicyConfig policy : api.policies()) {
            if (policy instanceof RateLimitConfig r && rateLimit == null) {
                rateLimit = new CatalogViews.RateLimit(r.limit(), r.periodSeconds(), r.periodSeconds(), r.burst());
            } else if (policy instanceof QuotaConfig q && quota == null) {
                quota = new CatalogViews.Quota(q.limit(), q.period().name().toLowerCase(Locale.ROOT), q.timeZone());
            }
        }
        return new CatalogViews.Access(endpoints, api.host(), credential(api.policies()), rateLimit, quota);
    }

    static CatalogViews.Credential credential(List<PolicyConfig> policies) {
        for (PolicyConfig policy : policies) {
            if (policy instanceof ApiKeyAuthConfig key) {
                return new CatalogViews.Credential("api-key", key.in() == CredentialLocation.QUERY ? "query" : "header", key.name(), null);
            }
            if (policy instanceof JwtAuthConfig jwt) {
                return new CatalogViews.Credential("jwt", "header", jwt.header(), "Bearer");
            }
        }
        return new CatalogViews.Credential("none", null, null, null);
    }

    static String keyPrefix(String environment) {
        return Environment.fromWire(environment).keyEnvironment().prefix();
    }

    private static String join(String gatewayUrl, String basePath) {
        if (gatewayUrl == null) {
            return null;
        }
        String base = gatewayUrl.replaceAll("/+$", "");
        return "/".equals(basePath) ? base : base + basePath;
    }
}
