package dev.bulwark.dataplane.event.bench;

import dev.bulwark.dataplane.event.EventShippingSettings;
import dev.bulwark.dataplane.event.RedisStreamsEventSink;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request usage path of the gateway: {@code RedisStreamsEventSink.request(...)} counting into
 * the calling thread's table, flushes included (every second, as in production). {@code combinations}
 * is how many (application, key, status class) combinations the requests cycle through. Redis is
 * unreachable, so shipping never competes for the CPU. Run with
 * {@code data-plane/bench/run-jmh.sh UsageRecord -prof gc}; never part of {@code verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UsageRecordBenchmark {
    @Param({"1", "1000"})
    public int combinations;

    private RedisStreamsEventSink sink;
    private String[] applications;
    private String[] keys;
    private int next;
    private long latency;

    @Setup(Level.Trial)
    public void start() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        sink = new RedisStreamsEventSink("redis://127.0.0.1:" + port, EventShippingSettings.defaults("bench:")).start();
        applications = new String[combinations];
        keys = new String[combinations];
        for (int i = 0; i < combinations; i++) {
            applications[i] = "app-" + (i / 5);
            keys[i] = "key-" + i;
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        sink.close();
    }

    @Benchmark
    public void request() {
        int i = next;
        next = i + 1 == combinations ? 0 : i + 1;
        latency = (latency + 397) & 0xFFFF; // 0..65 ms, spread over the buckets
        sink.request("tenant-1", "api-1", applications[i], keys[i], 100 + (i % 5) * 100, latency, 0, 512);
    }
}
