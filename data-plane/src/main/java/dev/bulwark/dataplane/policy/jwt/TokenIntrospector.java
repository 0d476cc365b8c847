package dev.bulwark.dataplane.policy.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.contracts.policy.TokenIntrospectionConfig;
import dev.bulwark.dataplane.upstream.AddressGuard;
import dev.bulwark.dataplane.upstream.UpstreamResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * RFC 7662 token introspection for one endpoint and client, shared by every policy naming them.
 *
 * <ul>
 *   <li>One POST per unknown token ({@code token}, {@code token_type_hint=access_token}), client
 *       authentication with HTTP Basic; concurrent lookups of one token share that call.</li>
 *   <li>Answers are cached by the token's SHA-256: active ones until the configured lifetime or
 *       the token's {@code exp}, whichever is first; inactive ones briefly, so a flood of invented
 *       tokens costs the authorization server one call per token and few seconds, not one per request.</li>
 *   <li>Any failure (no secret for this origin, refused address, timeout, non-200, not JSON, too
 *       large) fails with {@link #UNAVAILABLE}: the policy answers 503, never a 401 it cannot know.</li>
 * </ul>
 */
public final class TokenIntrospector {
    static final RuntimeException UNAVAILABLE = new IntrospectionUnavailable();
    private static final int MAX_BYTES = 64 * 1024;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TokenIntrospector::sha256);

    private final TokenIntrospectionConfig config;
    private final String authorization;
    private final URI target;
    private final Vertx vertx;
    private final HttpClient client;
    private final Clock clock;
    private final UpstreamResolver resolver;
    private final AddressGuard addresses;
    private final IntrospectionCache cache;
    private final ConcurrentHashMap<String, Future<Introspected>> inFlight = new ConcurrentHashMap<>();
    private final IntrospectionMetrics metrics;

    /** @param secret the client secret bound to the endpoint's origin; null when the gateway has none, and every call fails */
    public TokenIntrospector(Vertx vertx, TokenIntrospectionConfig config, String secret, Clock clock, LongSupplier nanoTime,
                             MeterRegistry registry, UpstreamResolver resolver, AddressGuard addresses) {
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.resolver = resolver;
        this.addresses = addresses;
        this.target = URI.create(config.endpoint());
        // RFC 6749 §2.3.1: both parts form-encoded before Basic, so a ':' in either cannot shift the split.
        this.authorization = secret == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (form(config.clientId()) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(config.timeoutMillis())
                .setIdleTimeout(config.timeoutMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
        this.cache = new IntrospectionCache(config.maxCacheEntries(), nanoTime);
        this.metrics = new IntrospectionMetrics(registry, config.endpoint(), nanoTime);
        if (secret == null) {
            metrics.warn("no client secret for " + config.clientSecretEnv() + " bound to this endpoint's origin on this gateway;"
                    + " introspection answers 503 until one is configured");
        }
    }

    /** What the authorization server says of {@code token}: from the cache, from a call under way, or from a new call. */
    Future<Introspected> introspect(String token) {
        String digest = digest(token);
        Introspected cached = cache.get(digest);
        if (cached != null) {
            metrics.cache("hit");
            return Future.succeededFuture(cached);
        }
        Promise<Introspected> promise = Promise.promise();
        Future<Introspected> running = inFlight.putIfAbsent(digest, promise.future());
        if (running != null) {
            metrics.cache("coalesced");
            return running;
        }
        metrics.cache("miss");
        call(token).onComplete(outcome -> {
            if (outcome.succeeded()) {
                cache.put(digest, outcome.result(), lifetimeNanos(outcome.result()));
            }
            inFlight.remove(digest, promise.future());
            promise.handle(outcome);
        });
        return promise.future();
    }

    private long lifetimeNanos(Introspected answer) {
        if (!answer.active()) {
            return TimeUnit.SECONDS.toNanos(config.negativeCacheSeconds());
        }
        long configured = TimeUnit.SECONDS.toNanos(config.cacheSeconds());
        Date expiry = answer.claims().getExpirationTime();
        if (expiry == null) {
            return configured;
        }
        long untilExpiry = TimeUnit.MILLISECONDS.toNanos(expiry.getTime() - clock.millis());
        return Math.min(configured, untilExpiry);
    }

    private Future<Introspected> call(String token) {
        if (authorization == null) {
            metrics.call("unconfigured", "introspection is not configured with a secret on this gateway");
            return Future.failedFuture(UNAVAILABLE);
        }
        Promise<Introspected> promise = Promise.promise();
        AtomicBoolean settled = new AtomicBoolean();
        long timer = vertx.setTimer(config.timeoutMillis(), id -> {
            if (settled.compareAndSet(false, true)) {
                metrics.call("timeout", "no answer within " + config.timeoutMillis() + " ms");
                promise.fail(UNAVAILABLE);
            }
        });
        boolean ssl = "https".equalsIgnoreCase(target.getScheme());
        int port = target.getPort() < 0 ? (ssl ? 443 : 80) : target.getPort();
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        String uri = target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
        Buffer form = Buffer.buffer("token=" + form(token) + "&token_type_hint=access_token");
        Future<io.vertx.core.net.SocketAddress> address;
        try {
            address = resolver.jwks(target.getHost(), port, addresses);
        } catch (RuntimeException e) {
            address = Future.failedFuture(e);
        }
        address.compose(server -> client.request(new RequestOptions().setMethod(HttpMethod.POST).setServer(server)
                        .setHost(target.getHost()).setPort(port).setSsl(ssl).setURI(uri)
                        .addHeader("Authorization", authorization)
                        .addHeader("Content-Type", "application/x-www-form-urlencoded")
                        .addHeader("Accept", "application/json")))
                .compose(request -> request.send(form))
                .compose(this::read)
                .onComplete(outcome -> {
                    vertx.cancelTimer(timer);
                    if (!settled.compareAndSet(false, true)) {
                        return;
                    }
                    if (outcome.succeeded()) {
                        metrics.call(outcome.result().active() ? "active" : "inactive", null);
                        promise.complete(outcome.result());
                    } else {
                        // Messages here are ours or the HTTP client's: status, size, type, connection; never the token.
                        metrics.call("error", outcome.cause().getMessage());
                        promise.fail(UNAVAILABLE);
                    }
                });
        return promise.future();
    }

    /** The answer in a 200 {@code application/json} body of at most 64 KiB, read as it streams in. */
    private Future<Introspected> read(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return abandon(response, "answered " + response.statusCode());
        }
        String type = response.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).matches("application/json\\s*(;.*)?")) {
            return abandon(response, "answered a Content-Type other than application/json");
        }
        String length = response.getHeader("Content-Length");
        if (length != null && (!length.matches("\\d{1,9}") || Long.parseLong(length) > MAX_BYTES)) {
            return abandon(response, "answer larger than " + MAX_BYTES + " bytes");
        }
        Promise<Buffer> body = Promise.promise();
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (received.length() + chunk.length() > MAX_BYTES) {
                body.tryFail("answer larger than " + MAX_BYTES + " bytes");
                abandon(response, "too large");
            } else {
                received.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(body::tryFail);
        response.endHandler(ignored -> body.tryComplete(received));
        return body.future().compose(TokenIntrospector::parse);
    }

    /** Drops a response whose body is not wanted: its connection is closed rather than drained. */
    private static <T> Future<T> abandon(HttpClientResponse response, String problem) {
        response.exceptionHandler(ignored -> { });
        response.request().reset();
        return Future.failedFuture(problem);
    }

    /** RFC 7662 §2.2: {@code active} is a required boolean; the other members are claims. */
    static Future<Introspected> parse(Buffer body) {
        try {
            JWTClaimsSet claims = JWTClaimsSet.parse(body.toString(StandardCharsets.UTF_8));
            Object active = claims.getClaim("active");
            if (!(active instanceof Boolean)) {
                return Future.failedFuture("answer without a boolean \"active\"");
            }
            return Future.succeededFuture((Boolean) active ? new Introspected(true, claims) : Introspected.INACTIVE);
        } catch (ParseException | RuntimeException e) {
            // The parser's message may quote the body: say only how long it was.
            return Future.failedFuture("answer is not a JSON object (" + body.length() + " bytes)");
        }
    }

    static String digest(String token) {
        MessageDigest sha = SHA256.get();
        byte[] hash = sha.digest(token.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    int cacheSize() {
        return cache.size();
    }

    public void close() {
        client.close();
    }

    /** The authorization server cannot be asked right now. */
    static final class IntrospectionUnavailable extends RuntimeException {
        IntrospectionUnavailable() {
            super("token introspection unavailable", null, false, false);
        }
    }
}
