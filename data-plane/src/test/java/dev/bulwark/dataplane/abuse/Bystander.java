package dev.bulwark.dataplane.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An innocent client of another tenant's API, calling it over HTTP/1.1 from 127.0.0.1 while an attack
 * runs from 127.0.0.2: every answer must be 200 and come within {@link #LATENCY_BOUND}. The bound is
 * far above a request's few milliseconds and far below every timeout an attack could make a
 * bystander wait for (upstream read 30 s, breaker cool-down 60 s) and above a loaded CI machine's
 * scheduling noise: it shows the bystander never queued behind the attack. docs/gateway.md, "Defences and limits".
 */
final class Bystander implements AutoCloseable {
    static final Duration LATENCY_BOUND = Duration.ofMillis(1_500);

    record Call(int status, Duration latency, String error) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread loop;
    private volatile boolean running = true;

    /** Starts calling {@code url} about every 25 ms. */
    Bystander(String url) {
        loop = Thread.ofPlatform().daemon().name("bystander").start(() -> {
            while (running) {
                long started = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    calls.add(new Call(response.statusCode(), Duration.ofNanos(System.nanoTime() - started), null));
                } catch (Exception e) {
                    calls.add(new Call(-1, Duration.ofNanos(System.nanoTime() - started), e.toString()));
                }
                try {
                    Thread.sleep(25); // pacing of the bystander's own traffic, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Stops and checks: at least a few calls, all 200, none slower than the bound. */
    void assertUnharmed() throws InterruptedException {
        // a quick attack may be over before three calls: the bystander keeps calling through its aftermath
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() >= 3);
        close();
        assertThat(calls).as("bystander calls during the attack").hasSizeGreaterThanOrEqualTo(3);
        assertThat(calls).as("bystander answers").allSatisfy(call -> assertThat(call.status()).as(call.toString()).isEqualTo(200));
        assertThat(calls).as("bystander latency").allSatisfy(call ->
                assertThat(call.latency()).as(call.toString()).isLessThan(LATENCY_BOUND));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.join(15_000);
    }
}
