package dev.bulwark.launcher.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Measures how long a change takes to show at each data plane: from a start instant (the API call
 * that made the change returned) to the first call through that data plane that sees it. Each data
 * plane is polled on its own thread every few milliseconds.
 */
public final class Propagation {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Propagation() {
    }

    /**
     * @param since   {@link System#nanoTime()} when the change was acknowledged
     * @param call    one call through the given data plane URL
     * @param visible whether that call already sees the change
     * @return milliseconds per data plane name, in the given order; -1 where the change never showed within {@code timeout}
     */
    public static Map<String, Long> measure(List<PlatformProcesses.DataPlane> dataPlanes, long since, Function<String, GatewayCall> call,
            Predicate<GatewayCall> visible, Duration timeout) throws Exception {
        Map<String, Future<Long>> pending = new LinkedHashMap<>();
        try (ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PlatformProcesses.DataPlane dataPlane : dataPlanes) {
                pending.put(dataPlane.name, pollers.submit(() -> pollUntil(dataPlane.url(), since, call, visible, timeout)));
            }
            Map<String, Long> millis = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Long>> entry : pending.entrySet()) {
                millis.put(entry.getKey(), entry.getValue().get());
            }
            return millis;
        }
    }

    private static long pollUntil(String url, long since, Function<String, GatewayCall> call, Predicate<GatewayCall> visible,
            Duration timeout) throws InterruptedException {
        long deadline = since + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long attempt = System.nanoTime();
            if (visible.test(call.apply(url))) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
            }
            long wait = POLL_NANOS - (System.nanoTime() - attempt);
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        return -1;
    }
}
