package dev.bulwark.dataplane.bench;

import dev.bulwark.dataplane.pipeline.HeaderRules;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The upstream request's headers, per request: a typical client's nine headers filtered by
 * {@link HeaderRules} plus the gateway's forwarding, trace and id headers. {@code viaOwnMap} is how
 * the proxy did it before (a map of its own, handed over in {@code RequestOptions}, which Vert.x copies
 * and validates again into the request); {@code intoRequest} writes into the request's headers at once.
 * Allocation is the figure that matters: run with {@code -prof gc}
 * ({@code data-plane/bench/run-jmh.sh UpstreamHeaders -prof gc}); never part of {@code mvn verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UpstreamHeadersBenchmark {
    MultiMap incoming;

    @Setup
    public void request() {
        incoming = HttpHeaders.headers()
                .add("Host", "api.example.com")
                .add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36")
                .add("Accept", "application/json")
                .add("Accept-Encoding", "gzip, deflate, br")
                .add("Accept-Language", "en-GB,en;q=0.9")
                .add("Connection", "keep-alive")
                .add("X-API-Key", "bwk_test_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN")
                .add("Cookie", "session=8f14e45fceea167a5a36dedd4bea2543")
                .add("Content-Type", "application/json");
    }

    @Benchmark
    public MultiMap viaOwnMap() {
        MultiMap own = HttpHeaders.headers();
        fill(own);
        MultiMap request = HttpHeaders.headers();
        request.setAll(own);
        return request;
    }

    @Benchmark
    public MultiMap intoRequest() {
        MultiMap request = HttpHeaders.headers();
        fill(request);
        return request;
    }

    private void fill(MultiMap headers) {
        HeaderRules.copyRequestHeaders(incoming, headers);
        headers.set("x-forwarded-for", "203.0.113.7");
        headers.set("x-forwarded-proto", "http");
        headers.set("x-forwarded-host", "api.example.com");
        headers.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        headers.set("x-request-id", "6f1c1d1e9c2b4a3f8e7d6c5b4a392817");
    }
}
