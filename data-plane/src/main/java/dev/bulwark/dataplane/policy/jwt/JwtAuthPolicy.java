package dev.bulwark.dataplane.policy.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
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
import java.util.stream.Collectors;

/**
 * Authenticates a bearer JWT from one configured issuer. The algorithms are the issuer's, from
 * configuration; a token naming any other ({@code none}, HS256 with the public key as secret, ...)
 * is invalid before any key is touched. Keys come only from the configured JWKS URL.
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

    private final JwtAuthConfig config;
    private final JwksCache jwks;
    private final Vertx vertx;
    private final Clock clock;
    private final Set<JWSAlgorithm> algorithms;
    private final Counter unavailable;

    public JwtAuthPolicy(JwtAuthConfig config, JwksCache jwks, Vertx vertx, Clock clock, MeterRegistry metrics) {
        this.config = config;
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
        JwsVerification.Parsed parsed = JwsVerification.parse(token);
        if (parsed == null || !algorithms.contains(parsed.header().getAlgorithm())) {
            return Future.failedFuture(INVALID);
        }
        Future<List<JWK>> keys = jwks.keysFor(parsed.header().getKeyID());
        if (keys.isComplete()) {
            return decide(context, parsed, keys);
        }
        // A fetch is under way on the HTTP client's loop: come back to the request's own loop.
        Context requestLoop = vertx.getOrCreateContext();
        Promise<Void> done = Promise.promise();
        keys.onComplete(outcome -> requestLoop.runOnContext(ignored -> decide(context, parsed, outcome).onComplete(done)));
        return done.future();
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
        switch (Claims.check(claims, config, clock.instant())) {
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
        String applicationId = Claims.applicationId(claims);
        ApplicationEntry application = applicationId == null ? null : context.snapshot().application(applicationId);
        String planId = application != null && api.tenantId().equals(application.tenantId())
                ? application.planByApi().get(api.apiId()) : null;
        return new Consumer(api.tenantId(), applicationId, null, claims.getSubject(), scopes, planId);
    }
}
