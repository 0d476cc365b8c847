package dev.bulwark.dataplane.policy.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.contracts.policy.IntrospectionMode;
import dev.bulwark.contracts.policy.JwtAlgorithm;
import dev.bulwark.contracts.policy.JwtAuthConfig;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Authenticates a bearer JWT from one configured issuer. The algorithms are the issuer's, from
 * configuration; a token naming any other ({@code none}, HS256 with the public key as secret, ...)
 * is invalid before any key is touched. Keys come only from the configured JWKS URL.
 *
 * <p>With introspection configured, tokens that are not JWTs (or all tokens, in mode
 * {@code always}) are asked about at the authorization server ({@link TokenIntrospector}); an
 * active answer then goes through the same checks and mapping as a JWT's claims.
 */
public final class JwtAuthPolicy implements Policy {
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final PolicyFailure INVALID = new PolicyFailure(401, "JWT_INVALID", "The bearer token is not valid",
            Map.of("WWW-Authenticate", "Bearer realm=\"bulwark\", error=\"invalid_token\""));
    private static final PolicyFailure EXPIRED = new PolicyFailure(401, "JWT_EXPIRED", "The bearer token has expired",
            Map.of("WWW-Authenticate", "Bearer realm=\"bulwark\", error=\"invalid_token\", error_description=\"expired\""));
    private static final PolicyFailure MISSING = new PolicyFailure(401, "JWT_MISSING", "A bearer token is required",
            Map.of("WWW-Authenticate", "Bearer realm=\"bulwark\""));
    private static final PolicyFailure SCOPE_MISSING = new PolicyFailure(403, "JWT_SCOPE_MISSING",
            "The bearer token lacks a required scope",
            Map.of("WWW-Authenticate", "Bearer realm=\"bulwark\", error=\"insufficient_scope\""));
    private static final PolicyFailure REVOKED = new PolicyFailure(401, "JWT_REVOKED", "The bearer token's client has been revoked",
            Map.of("WWW-Authenticate", "Bearer realm=\"bulwark\", error=\"invalid_token\", error_description=\"revoked\""));
    private static final PolicyFailure UNAVAILABLE = new PolicyFailure(503, "JWKS_UNAVAILABLE",
            "The token issuer's keys cannot be fetched right now; retry shortly", Map.of("Retry-After", "5"));
    private static final PolicyFailure INTROSPECTION_UNAVAILABLE = new PolicyFailure(503, "TOKEN_INTROSPECTION_UNAVAILABLE",
            "The token issuer cannot be asked about the token right now; retry shortly", Map.of("Retry-After", "5"));

    private final JwtAuthConfig config;
    private final JwksCache jwks;
    private final Vertx vertx;
    private final Clock clock;
    private final Set<JWSAlgorithm> algorithms;
    private final Counter unavailable;
    private final TokenIntrospector introspector;
    private final boolean introspectAll;

    public JwtAuthPolicy(JwtAuthConfig config, JwksCache jwks, Vertx vertx, Clock clock, MeterRegistry metrics) {
        this(config, jwks, null, vertx, clock, metrics);
    }

    /** @param introspector the introspection of {@code config.introspection()}; null when it has none */
    public JwtAuthPolicy(JwtAuthConfig config, JwksCache jwks, TokenIntrospector introspector, Vertx vertx, Clock clock,
                         MeterRegistry metrics) {
        this.config = config;
        this.introspector = introspector;
        this.introspectAll = introspector != null && config.introspection().mode() == IntrospectionMode.ALWAYS;
        this.jwks = jwks;
        this.vertx = vertx;
        this.clock = clock;
        this.algorithms = config.algorithms().stream().map(JwtAlgorithm::name).map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
        this.unavailable = Counter.builder("bulwark.jwt.jwks.unavailable").tag("policy", "jwt")
                .description("Requests answered 503 because no JWKS key could be had").register(metrics);
    }

    @Override
    public String id() {
        return PolicyType.JWT;
    }

    @Override
    public int order() {
        return PolicyOrder.AUTHENTICATION;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        String value = context.request().getHeader(config.header());
        if (value == null || value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.failedFuture(MISSING);
        }
        String token = value.substring(7).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Future.failedFuture(token.isEmpty() ? MISSING : INVALID);
        }
        JwsVerification.Parsed parsed = introspectAll ? null : JwsVerification.parse(token);
        if (introspector != null && parsed == null) {
            return onLoop(introspector.introspect(token), outcome -> introspected(context, outcome));
        }
        if (parsed == null || !algorithms.contains(parsed.header().getAlgorithm())) {
            return Future.failedFuture(INVALID);
        }
        Future<List<JWK>> keys = jwks.keysFor(parsed.header().getKeyID());
        return onLoop(keys, outcome -> decide(context, parsed, outcome));
    }

    /** Applies {@code next} to {@code pending} on the request's own loop: a fetch or a shared call may finish on another. */
    private <T> Future<Void> onLoop(Future<T> pending, Function<AsyncResult<T>, Future<Void>> next) {
        if (pending.isComplete()) {
            return next.apply(pending);
        }
        Context requestLoop = vertx.getOrCreateContext();
        Promise<Void> done = Promise.promise();
        pending.onComplete(outcome -> requestLoop.runOnContext(ignored -> next.apply(outcome).onComplete(done)));
        return done.future();
    }

    private Future<Void> introspected(RequestContext context, AsyncResult<Introspected> answer) {
        if (answer.failed()) {
            return Future.failedFuture(INTROSPECTION_UNAVAILABLE);
        }
        if (!answer.result().active()) {
            return Future.failedFuture(INVALID);
        }
        JWTClaimsSet claims = answer.result().claims();
        return authorise(context, claims, Claims.checkIntrospected(claims, config, clock.instant()));
    }

    private Future<Void> decide(RequestContext context, JwsVerification.Parsed parsed, AsyncResult<List<JWK>> keys) {
        if (keys.failed()) {
            unavailable.increment();
            return Future.failedFuture(UNAVAILABLE);
        }
        JWSAlgorithm algorithm = parsed.header().getAlgorithm();
        boolean verified = false;
        for (JWK key : keys.result()) {
            if (JwsVerification.verify(parsed, key, algorithm)) {
                verified = true;
                break;
            }
        }
        if (!verified) {
            return Future.failedFuture(INVALID);
        }
        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(parsed.payload().decodeToString());
        } catch (ParseException | RuntimeException e) {
            return Future.failedFuture(INVALID);
        }
        return authorise(context, claims, Claims.check(claims, config, clock.instant()));
    }

    /** The checks and mapping shared by a verified JWT and an active introspection answer. */
    private Future<Void> authorise(RequestContext context, JWTClaimsSet claims, Claims.Verdict verdict) {
        switch (verdict) {
            case INVALID -> {
                return Future.failedFuture(INVALID);
            }
            case EXPIRED -> {
                return Future.failedFuture(EXPIRED);
            }
            case OK -> {
                // go on
            }
        }
        List<String> scopes = Claims.scopes(claims);
        if (!scopes.containsAll(config.requiredScopes())) {
            return Future.failedFuture(SCOPE_MISSING);
        }
        if (revoked(context, claims)) {
            return Future.failedFuture(REVOKED);
        }
        context.authenticate(consumer(context, claims, scopes));
        return CONTINUE;
    }

    /**
     * A token of an application whose OAuth client was revoked after the token was issued: the
     * token itself would stay valid until it expires, the snapshot says otherwise within a second.
     */
    private static boolean revoked(RequestContext context, JWTClaimsSet claims) {
        String applicationId = Claims.applicationId(claims);
        ApplicationEntry application = applicationId == null ? null : context.snapshot().application(applicationId);
        if (application == null || application.tokensNotBefore() == null) {
            return false;
        }
        java.util.Date issuedAt = claims.getIssueTime();
        return issuedAt == null || issuedAt.toInstant().getEpochSecond() < application.tokensNotBefore();
    }

    private static Consumer consumer(RequestContext context, JWTClaimsSet claims, List<String> scopes) {
        ApiEntry api = context.route().route().api();
        String clientId = Claims.applicationId(claims);
        ApplicationEntry application = clientId == null ? null : context.snapshot().application(clientId);
        String planId = application != null && api.tenantId().equals(application.tenantId())
                ? application.planByApi().get(api.apiId()) : null;
        // The application's own id, also for a token of one of its rotated clients (<id>-<generation>).
        String applicationId = application != null ? application.applicationId() : clientId;
        return new Consumer(api.tenantId(), applicationId, null, claims.getSubject(), scopes, planId);
    }
}
