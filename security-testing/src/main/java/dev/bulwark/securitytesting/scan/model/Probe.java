package dev.bulwark.securitytesting.scan.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The only way a check talks to the target, so the safety rules hold for every check: read-only
 * methods unless writes are allowed, a request budget, a request rate, cancellation. Requests are
 * sent one at a time; a refused, cancelled or failed request yields no exchange.
 */
public final class Probe implements AutoCloseable {
    /** Methods that do not change state and are always allowed. */
    public static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /**
     * The JDK's HTTP client refuses to set {@code Host} unless this property names it, and reads the
     * property once, when its classes load: it is set when this class loads, and first thing in the
     * control plane's {@code main}, before anything else can load them.
     */
    public static final String RESTRICTED_HEADERS = "jdk.httpclient.allowRestrictedHeaders";

    static {
        allowHostHeader();
    }

    private final ScanTarget target;
    private final ScanSettings settings;
    private final ScanControl control;
    private final RunLog log;
    private final HttpClient client;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    public Probe(ScanTarget target, ScanSettings settings, ScanControl control, RunLog log) {
        if (target.host().isPresent() && !hostHeaderAllowed()) {
            throw new IllegalStateException("this JVM's HTTP client cannot send a Host header: start it with -D"
                    + RESTRICTED_HEADERS + "=host to scan an API routed by host name");
        }
        this.target = target;
        this.settings = settings;
        this.control = control;
        this.log = log;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(settings.requestTimeout());
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.client = builder.build();
        this.intervalNanos = (long) (1_000_000_000L / settings.requestsPerSecond());
    }

    /** Sends the request unless a safety rule forbids it; empty when not sent or when the transport failed. */
    public Optional<Exchange> send(ProbeRequest request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!settings.allowWrites() && !READ_ONLY.contains(method)) {
            log.add("refused " + method + " " + request.pathAndQuery() + ": writes are not allowed for this scan");
            return Optional.empty();
        }
        if (stopped()) {
            return Optional.empty();
        }
        if (!pace()) {
            return Optional.empty();
        }
        if (sent.incrementAndGet() == settings.maxRequests()) {
            log.add("request budget of " + settings.maxRequests() + " spent: remaining probes skipped");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target.baseUrl() + request.pathAndQuery()))
                .timeout(settings.requestTimeout())
                .method(method, request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.header("User-Agent", "bulwark-scan");
        target.host().ifPresent(host -> builder.header("Host", host));
        request.identity().headers().forEach(builder::header);
        request.headers().forEach(builder::header);
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            answered.incrementAndGet();
            return Optional.of(new Exchange(request, response.statusCode(), response.headers().map(), response.body(),
                    response.sslSession().map(javax.net.ssl.SSLSession::getProtocol)));
        } catch (IOException | IllegalArgumentException e) {
            log.add(method + " " + request.pathAndQuery() + " failed: " + e.getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.cancel();
            return Optional.empty();
        }
    }

    /** True once the scan was cancelled or spent its budget: checks stop early. */
    public boolean stopped() {
        return control.cancelled() || sent.get() >= settings.maxRequests();
    }

    public int requestsSent() {
        return sent.get();
    }

    /** Requests that got a response, whatever its status. */
    public int requestsAnswered() {
        return answered.get();
    }

    public boolean budgetSpent() {
        return sent.get() >= settings.maxRequests();
    }

    /** Waits for the next slot of the rate; false when cancelled meanwhile. */
    private synchronized boolean pace() {
        long now = System.nanoTime();
        long wait = nextSlot - now;
        nextSlot = Math.max(now, nextSlot) + intervalNanos;
        while (wait > 0) {
            if (control.cancelled()) {
                return false;
            }
            long step = Math.min(wait, 50_000_000L);
            try {
                Thread.sleep(step / 1_000_000L, (int) (step % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                control.cancel();
                return false;
            }
            wait -= step;
        }
        return !control.cancelled();
    }

    /** Adds {@code host} to the restricted headers the JDK's client may send; call before it is first used. */
    public static void allowHostHeader() {
        String allowed = System.getProperty(RESTRICTED_HEADERS, "");
        if (!java.util.Arrays.stream(allowed.split(",")).map(String::strip).anyMatch("host"::equalsIgnoreCase)) {
            System.setProperty(RESTRICTED_HEADERS, allowed.isBlank() ? "host" : allowed + ",host");
        }
    }

    private static boolean hostHeaderAllowed() {
        try {
            HttpRequest.newBuilder().header("Host", "example.com");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
