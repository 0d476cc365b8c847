package dev.bulwark.dataplane.policy.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import dev.bulwark.dataplane.upstream.AddressGuard;
import dev.bulwark.dataplane.upstream.UpstreamResolver;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of one JWKS URL, fetched asynchronously with Vert.x (the event loop never waits on the
 * network) and shared by every policy naming that URL.
 *
 * <ul>
 *   <li>Fresh for {@code cacheSeconds}; after 80 % of that, the next request triggers one
 *       background refresh and is served from the cache meanwhile.</li>
 *   <li>A {@code kid} not in the set triggers one refetch, at most once per
 *       {@code minRefetchMillis}, so a stream of tokens with invented kids cannot make the gateway
 *       hammer the identity provider.</li>
 *   <li>A failed fetch keeps the last good keys (keys are public; availability wins); with none,
 *       callers get {@link #UNAVAILABLE} and answer 503, never a misleading 401.</li>
 *   <li>The JWKS host is resolved and checked like an upstream ({@link UpstreamResolver}): an
 *       address the API may not reach (loopback, private, metadata…) is never connected to, and
 *       the connection goes to the address that was checked.</li>
 * </ul>
 */
public final class JwksCache {
    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    static final RuntimeException UNAVAILABLE = new JwksUnavailable();
    private static final int MAX_BYTES = 512 * 1024;
    private static final long FETCH_TIMEOUT_MS = 5_000;

    private final Vertx vertx;
    private final Context context;
    private final HttpClient client;
    private final String url;
    private final long cacheNanos;
    private final long minRefetchNanos;
    private final LongSupplier nanoTime;
    private final Counter fetchFailures;
    private final UpstreamResolver resolver;
    private final AddressGuard addresses;
    private final URI target;
    private final AtomicReference<Future<JWKSet>> inFlight = new AtomicReference<>();
    private volatile JWKSet keys;
    private volatile long fetchedAt;
    private volatile long lastUnknownKidFetch;

    /** @param addresses where the JWKS host may resolve to: the API's allow-list, as for its upstreams */
    public JwksCache(Vertx vertx, String url, int cacheSeconds, long minRefetchMillis, LongSupplier nanoTime, MeterRegistry metrics,
                     UpstreamResolver resolver, AddressGuard addresses) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.url = url;
        this.target = URI.create(url);
        this.resolver = resolver;
        this.addresses = addresses;
        this.cacheNanos = cacheSeconds * 1_000_000_000L;
        this.minRefetchNanos = minRefetchMillis * 1_000_000L;
        this.nanoTime = nanoTime;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) FETCH_TIMEOUT_MS));
        this.fetchFailures = Counter.builder("bulwark.jwks.fetch.failures").tag("policy", "jwt")
                .description("JWKS fetches that failed").register(metrics);
        this.lastUnknownKidFetch = nanoTime.getAsLong() - minRefetchNanos;
    }

    /** The keys named {@code kid} (all keys when kid is null), fetching when needed. */
    public Future<List<JWK>> keysFor(String kid) {
        long now = nanoTime.getAsLong();
        JWKSet current = keys;
        if (current == null) {
            return fetch().map(set -> select(set, kid));
        }
        long age = now - fetchedAt;
        if (age > cacheNanos) {
            // Expired: wait for fresh keys, but fall back to the old ones if the provider is down.
            return fetch().map(set -> select(set, kid)).recover(error -> Future.succeededFuture(select(current, kid)));
        }
        if (age > cacheNanos / 5 * 4) {
            fetch();
        }
        List<JWK> selected = select(current, kid);
        if (!selected.isEmpty() || kid == null) {
            return Future.succeededFuture(selected);
        }
        if (now - lastUnknownKidFetch < minRefetchNanos) {
            return Future.succeededFuture(selected);
        }
        lastUnknownKidFetch = now;
        return fetch().map(set -> select(set, kid)).recover(error -> Future.succeededFuture(List.of()));
    }

    private static List<JWK> select(JWKSet set, String kid) {
        if (kid == null) {
            return set.getKeys();
        }
        JWK key = set.getKeyByKeyId(kid);
        return key == null ? List.of() : List.of(key);
    }

    /** One fetch at a time; concurrent callers share it. */
    private Future<JWKSet> fetch() {
        Promise<JWKSet> promise = Promise.promise();
        Future<JWKSet> mine = promise.future();
        Future<JWKSet> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        // Timer and response may fire on different threads: whoever settles first counts and completes.
        java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
        long timer = vertx.setTimer(FETCH_TIMEOUT_MS, id -> {
            if (settled.compareAndSet(false, true)) {
                fetchFailures.increment();
                LOG.warn("JWKS fetch from {} timed out", url);
                promise.fail(UNAVAILABLE);
            }
        });
        // The request, its response and the reading of its body must all run on one context: a response
        // handed to another thread before body() is called can end first, and its body is then lost
        // (an empty read). Callers off an event loop (refresh timers, tests) hop to the cache's context.
        Runnable send = () -> {
            boolean ssl = "https".equalsIgnoreCase(target.getScheme());
            int port = target.getPort() < 0 ? (ssl ? 443 : 80) : target.getPort();
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            Future<io.vertx.core.net.SocketAddress> address;
            try {
                address = resolver.jwks(target.getHost(), port, addresses);
            } catch (RuntimeException e) {
                address = Future.failedFuture(e);
            }
            address.compose(server -> client.request(new RequestOptions().setMethod(HttpMethod.GET).setServer(server)
                            .setHost(target.getHost()).setPort(port).setSsl(ssl)
                            .setURI(target.getRawQuery() == null ? path : path + "?" + target.getRawQuery())
                            .addHeader("Accept", "application/json")))
                    .compose(request -> request.send())
                    .compose(response -> {
                        if (response.statusCode() != 200) {
                            return Future.failedFuture("JWKS answered " + response.statusCode());
                        }
                        String length = response.getHeader("Content-Length");
                        if (length != null && Long.parseLong(length) > MAX_BYTES) {
                            return Future.failedFuture("JWKS larger than " + MAX_BYTES + " bytes");
                        }
                        String contentType = response.getHeader("Content-Type");
                        return response.body().map(body -> parse(body, contentType));
                    })
                    .onComplete(outcome -> {
                        vertx.cancelTimer(timer);
                        if (outcome.succeeded()) {
                            // Keys that arrive after the deadline are still worth keeping for the next request.
                            keys = outcome.result();
                            fetchedAt = nanoTime.getAsLong();
                        }
                        if (!settled.compareAndSet(false, true)) {
                            return;
                        }
                        if (outcome.succeeded()) {
                            promise.complete(outcome.result());
                        } else {
                            fetchFailures.increment();
                            LOG.warn("JWKS fetch from {} failed: {}", url, outcome.cause().getMessage());
                            promise.fail(UNAVAILABLE);
                        }
                    });
        };
        if (Vertx.currentContext() == context) {
            send.run();
        } else {
            context.runOnContext(ignored -> send.run());
        }
        mine.onComplete(done -> inFlight.compareAndSet(mine, null));
        return mine;
    }

    /**
     * The key set in {@code body}. What is wrong with a body that is not one is described by its length
     * and content type only: the parser's message quotes the body, which the logs must never carry.
     */
    static JWKSet parse(io.vertx.core.buffer.Buffer body, String contentType) {
        if (body.length() > MAX_BYTES) {
            throw new IllegalStateException("JWKS larger than " + MAX_BYTES + " bytes");
        }
        try {
            return JWKSet.parse(body.toString()).toPublicJWKSet();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("JWKS is not a JSON Web Key Set (" + body.length() + " bytes, Content-Type "
                    + printable(contentType) + ")");
        }
    }

    private static String printable(String header) {
        if (header == null) {
            return "absent";
        }
        String shown = header.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
    }

    public void close() {
        client.close();
    }

    /** No key can be had: the issuer's JWKS is unreachable and nothing is cached. */
    static final class JwksUnavailable extends RuntimeException {
        JwksUnavailable() {
            super("JWKS unavailable", null, false, false);
        }
    }
}
