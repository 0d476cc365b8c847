package dev.bulwark.dataplane.policy;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.ContractValidationConfig;
import dev.bulwark.contracts.policy.CorsConfig;
import dev.bulwark.contracts.policy.IpFilterConfig;
import dev.bulwark.contracts.policy.JwtAuthConfig;
import dev.bulwark.contracts.policy.LimitMode;
import dev.bulwark.contracts.policy.PlanAllowanceConfig;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.contracts.policy.RequestLimitsConfig;
import dev.bulwark.contracts.policy.SensitiveDataConfig;
import dev.bulwark.contracts.policy.ThreatProtectionConfig;
import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.contracts.policy.TokenIntrospectionConfig;
import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.config.IntrospectionSecrets;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFactory;
import dev.bulwark.dataplane.policy.apikey.ApiKeyAuthPolicy;
import dev.bulwark.dataplane.policy.authorization.AuthenticatedAccess;
import dev.bulwark.dataplane.policy.authorization.AuthorizationPolicy;
import dev.bulwark.dataplane.policy.contract.ContractValidationPolicy;
import dev.bulwark.dataplane.policy.cors.CorsPolicy;
import dev.bulwark.dataplane.policy.ipfilter.IpFilterPolicy;
import dev.bulwark.dataplane.policy.jwt.JwksCache;
import dev.bulwark.dataplane.policy.jwt.JwtAuthPolicy;
import dev.bulwark.dataplane.policy.jwt.TokenIntrospector;
import dev.bulwark.dataplane.policy.limits.RequestLimitsPolicy;
import dev.bulwark.dataplane.policy.quota.PlanAllowancePolicy;
import dev.bulwark.dataplane.policy.quota.QuotaPolicy;
import dev.bulwark.dataplane.policy.ratelimit.AsyncRedis;
import dev.bulwark.dataplane.policy.ratelimit.LocalWindowLimiter;
import dev.bulwark.dataplane.policy.ratelimit.RateLimitPolicy;
import dev.bulwark.dataplane.policy.ratelimit.RedisFailureMode;
import dev.bulwark.dataplane.policy.ratelimit.RedisWindowLimiter;
import dev.bulwark.dataplane.policy.sensitive.SensitiveDataPolicy;
import dev.bulwark.dataplane.policy.threat.ThreatProtectionPolicy;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.dataplane.upstream.AddressGuard;
import dev.bulwark.dataplane.upstream.UpstreamResolver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds every executable policy. One factory lives as long as the gateway, so what must outlive
 * a snapshot swap lives here: the JWKS caches (per URL), the token introspectors and their answer
 * caches, and the local rate-limit windows (their keys are already scoped per API and
 * configuration). Redis-backed state needs nothing: it is in Redis. JWKS caches and introspectors
 * are kept while the snapshot in force uses them ({@link SnapshotScopedResources}); the others are
 * closed {@link #RELEASE_GRACE_MILLIS} after the snapshot that stopped using them was compiled.
 *
 * <p>Authentication policies come paired with authorization ({@link AuthenticatedAccess}): a
 * route that authenticates always checks subscription, plan operations and scopes, then runs the
 * plan's policies.
 *
 * <p>{@link TimeoutsConfig} is not a request policy — the proxy reads it when it compiles the
 * route — so {@link #create} returns null for it, and the caller skips it.
 */
public final class DefaultPolicyFactory implements PolicyFactory {
    /** Default smallest interval between two JWKS fetches caused by unknown key ids. */
    public static final long JWKS_UNKNOWN_KID_REFETCH_MILLIS = 30_000;
    /**
     * Delay before closing a JWKS cache or introspector the new snapshot no longer uses: requests
     * admitted on the outgoing snapshot may still call them, for at most a fetch or call deadline (10 s).
     */
    static final long RELEASE_GRACE_MILLIS = 30_000;

    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final long jwksMinRefetchMillis;
    private final String keyPrefix;
    private final ApiKeyDigester digester;
    private final AsyncRedis redis;
    private final LocalWindowLimiter localWindows = new LocalWindowLimiter(System::nanoTime);
    private final SnapshotScopedResources<JwksCache> jwksCaches = new SnapshotScopedResources<>(
            unused -> release(unused, JwksCache::close, "jwks"));
    private final SnapshotScopedResources<TokenIntrospector> introspectors = new SnapshotScopedResources<>(
            unused -> release(unused, TokenIntrospector::close, "introspection"));
    private long releaseGraceMillis = RELEASE_GRACE_MILLIS;
    private final IntrospectionSecrets introspectionSecrets;
    private final UpstreamResolver resolver;

    public DefaultPolicyFactory(Vertx vertx, RedisConnector redis, MeterRegistry metrics, GatewaySettings settings, Clock clock) {
        this(vertx, redis, metrics, settings, clock, JWKS_UNKNOWN_KID_REFETCH_MILLIS);
    }

    /** @param jwksMinRefetchMillis smallest interval between two JWKS fetches caused by unknown key ids */
    public DefaultPolicyFactory(Vertx vertx, RedisConnector redis, MeterRegistry metrics, GatewaySettings settings, Clock clock,
                                long jwksMinRefetchMillis) {
        this.jwksMinRefetchMillis = jwksMinRefetchMillis;
        this.vertx = vertx;
        this.metrics = metrics;
        this.clock = clock;
        this.keyPrefix = settings.redisKeyPrefix();
        this.digester = new ApiKeyDigester(settings.apiKeyPepper());
        this.redis = new AsyncRedis(vertx, redis);
        this.resolver = new UpstreamResolver(vertx, settings.upstream().dnsServers(), metrics);
        this.introspectionSecrets = settings.introspection();
        Gauge.builder("bulwark.policy.shared.resources", jwksCaches, SnapshotScopedResources::size)
                .description("JWKS caches and token introspectors the snapshot in force uses").tag("kind", "jwks").register(metrics);
        Gauge.builder("bulwark.policy.shared.resources", introspectors, SnapshotScopedResources::size)
                .description("JWKS caches and token introspectors the snapshot in force uses").tag("kind", "introspection")
                .register(metrics);
    }

    @Override
    public void begin() {
        jwksCaches.begin();
        introspectors.begin();
    }

    @Override
    public void commit() {
        jwksCaches.commit();
        introspectors.commit();
    }

    @Override
    public void abandon() {
        jwksCaches.abandon();
        introspectors.abandon();
    }

    /** Tests shorten the grace to see resources closed. */
    void releaseGraceMillis(long millis) {
        this.releaseGraceMillis = millis;
    }

    /** The JWKS caches and introspectors the snapshot in force uses, by identity. */
    Set<Object> sharedResources() {
        Set<Object> resources = Collections.newSetFromMap(new IdentityHashMap<>());
        resources.addAll(jwksCaches.inForce());
        resources.addAll(introspectors.inForce());
        return resources;
    }

    /** bulwark_policy_shared_resources_released_total{kind}: closed once no snapshot used them. */
    private <V> void release(List<V> unused, Consumer<V> close, String kind) {
        Counter released = Counter.builder("bulwark.policy.shared.resources.released")
                .description("JWKS caches and token introspectors closed once no snapshot used them").tag("kind", kind).register(metrics);
        vertx.setTimer(releaseGraceMillis, id -> {
            unused.forEach(close);
            released.increment(unused.size());
        });
    }

    @Override
    public Policy create(PolicyConfig config) {
        return create(config, AddressGuard.PUBLIC_ONLY);
    }

    @Override
    public Policy create(PolicyConfig config, AddressGuard addresses) {
        return switch (config) {
            case ApiKeyAuthConfig apiKey -> new AuthenticatedAccess(new ApiKeyAuthPolicy(apiKey, digester, clock));
            case JwtAuthConfig jwt -> new AuthenticatedAccess(
                    new JwtAuthPolicy(jwt, jwks(jwt, addresses), introspector(jwt, addresses), vertx, clock, metrics),
                    jwt.requireApplication() ? AuthorizationPolicy.INSTANCE : AuthorizationPolicy.SCOPES_ONLY);
            case RateLimitConfig rateLimit -> rateLimit(rateLimit);
            case QuotaConfig quota -> new QuotaPolicy(quota, redis,
                    new RedisFailureMode(quota.failureMode(), quota.type(), "QUOTA_UNAVAILABLE", metrics), keyPrefix, clock);
            case IpFilterConfig ipFilter -> new IpFilterPolicy(ipFilter);
            case RequestLimitsConfig limits -> new RequestLimitsPolicy(limits);
            case CorsConfig cors -> new CorsPolicy(cors);
            case TimeoutsConfig ignored -> null;
            case ContractValidationConfig contract -> new ContractValidationPolicy(contract);
            case ThreatProtectionConfig threats -> new ThreatProtectionPolicy(threats, metrics);
            case SensitiveDataConfig sensitive -> new SensitiveDataPolicy(sensitive, metrics);
            case PlanAllowanceConfig allowance -> new PlanAllowancePolicy(allowance, redis,
                    new RedisFailureMode(allowance.failureMode(), allowance.type(), "PLAN_ALLOWANCE_UNAVAILABLE", metrics), keyPrefix, clock);
        };
    }

    private Policy rateLimit(RateLimitConfig config) {
        RedisFailureMode failureMode = new RedisFailureMode(config.failureMode(), config.type(), "RATE_LIMIT_UNAVAILABLE", metrics);
        if (config.mode() == LimitMode.LOCAL) {
            return new RateLimitPolicy(config, localWindows, failureMode, keyPrefix);
        }
        return new RateLimitPolicy(config, new RedisWindowLimiter(redis, config.redisTimeoutMillis(), System::nanoTime),
                failureMode, keyPrefix);
    }

    /** One cache per URL, lifetime and allowed networks: APIs with different allow-lists never share fetched keys. */
    private JwksCache jwks(JwtAuthConfig config, AddressGuard addresses) {
        return jwksCaches.acquire(config.jwksUrl() + "#" + config.jwksCacheSeconds() + "#" + addresses.allowedPrivate(), () ->
                new JwksCache(vertx, config.jwksUrl(), config.jwksCacheSeconds(), jwksMinRefetchMillis, System::nanoTime, metrics,
                        resolver, addresses));
    }

    /**
     * One introspector (and so one answer cache) per endpoint, client and settings: it outlives
     * snapshot swaps, and APIs with different allow-lists never share one.
     */
    private TokenIntrospector introspector(JwtAuthConfig config, AddressGuard addresses) {
        TokenIntrospectionConfig introspection = config.introspection();
        if (introspection == null) {
            return null;
        }
        return introspectors.acquire(introspection + "#" + addresses.allowedPrivate(), () -> new TokenIntrospector(vertx,
                introspection, introspectionSecrets.secretFor(introspection.clientSecretEnv(), introspection.endpoint()).orElse(null),
                clock, System::nanoTime, metrics, resolver, addresses));
    }
}
