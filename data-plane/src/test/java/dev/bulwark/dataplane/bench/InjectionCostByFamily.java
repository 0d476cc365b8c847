package dev.bulwark.dataplane.bench;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.InjectionEngine;
import dev.bulwark.dataplane.threat.injection.InspectionSettings;
import dev.bulwark.dataplane.threat.injection.PrefilterMode;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where the time of {@link InjectionInspectionBenchmark#jsonBody1k} goes, in thread CPU time (so a
 * shared, loaded machine inflates it less than wall time): the whole engine, each family alone, and
 * single JSON values of the body through the whole engine. A profiling aid, never part of
 * {@code mvn verify}; run after {@code data-plane/bench/run-jmh.sh} has written the class path:
 * {@code java -cp "data-plane/target/test-classes:data-plane/target/classes:$(cat data-plane/target/jmh.classpath)"
 * dev.bulwark.dataplane.bench.InjectionCostByFamily}.
 */
public final class InjectionCostByFamily {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String[] VALUES = {"pets", "order", "EUR", "10117", "2026-12-06T09:30:00Z", "zoe.oneil@example.com",
        "Cat tree (large), grey", "Please leave the parcel at the back door; ring twice. Thanks a lot!",
        "https://www.example.com/blog/cat-trees?utm_source=mail"};

    private InjectionCostByFamily() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("paired")) {
            paired();
            return;
        }
        for (PrefilterMode mode : new PrefilterMode[] {PrefilterMode.OFF, PrefilterMode.ON}) {
            System.out.printf("%nprefilter %s%n%-22s %10s%n", mode, "families", "µs/call");
            row("all", EnumSet.allOf(ThreatFamily.class), InjectionInspectionBenchmark.JSON, mode);
            for (ThreatFamily family : ThreatFamily.values()) {
                row(family.name().toLowerCase(), EnumSet.of(family), InjectionInspectionBenchmark.JSON, mode);
            }
            System.out.printf("%n%-70s %10s%n", "one JSON value {\"k\": ...}, all families", "µs/call");
            for (String value : VALUES) {
                row(value, EnumSet.allOf(ThreatFamily.class), ("{\"k\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8), mode);
            }
        }
    }

    /**
     * The whole engine on the 1 KB body with the prefilter off and on, in alternating batches of the same
     * process, so that both see the same load on a shared machine: medians of 21 batches of 5,000 calls each.
     */
    private static void paired() {
        byte[] body = InjectionInspectionBenchmark.JSON;
        Set<ThreatFamily> families = EnumSet.allOf(ThreatFamily.class);
        InjectionEngine off = new InjectionEngine(new InspectionSettings(families, ThreatSensitivity.DEFAULT, List.of()), PrefilterMode.OFF);
        InjectionEngine on = new InjectionEngine(new InspectionSettings(families, ThreatSensitivity.DEFAULT, List.of()), PrefilterMode.ON);
        for (int i = 0; i < 20_000; i++) {
            off.inspectBody("application/json", body, body.length, TypeHints.NONE);
            on.inspectBody("application/json", body, body.length, TypeHints.NONE);
        }
        long[] offNanos = new long[21];
        long[] onNanos = new long[21];
        for (int batch = 0; batch < offNanos.length; batch++) {
            offNanos[batch] = batch(off, body);
            onNanos[batch] = batch(on, body);
        }
        Arrays.sort(offNanos);
        Arrays.sort(onNanos);
        double offMedian = offNanos[10] / 1000.0;
        double onMedian = onNanos[10] / 1000.0;
        System.out.printf("jsonBody1k CPU µs/call, median of 21 alternating batches: prefilter off %.2f, on %.2f, on/off %.2f%n",
                offMedian, onMedian, onMedian / offMedian);
    }

    private static long batch(InjectionEngine engine, byte[] body) {
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < 5_000; i++) {
            engine.inspectBody("application/json", body, body.length, TypeHints.NONE);
        }
        return (CPU.getCurrentThreadCpuTime() - start) / 5_000;
    }

    private static void row(String label, Set<ThreatFamily> families, byte[] body, PrefilterMode mode) {
        InjectionEngine engine = new InjectionEngine(new InspectionSettings(families, ThreatSensitivity.DEFAULT, List.of()), mode);
        for (int i = 0; i < 20_000; i++) {
            engine.inspectBody("application/json", body, body.length, TypeHints.NONE);
        }
        long[] nanos = new long[7];
        for (int batch = 0; batch < nanos.length; batch++) {
            long start = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < 5_000; i++) {
                engine.inspectBody("application/json", body, body.length, TypeHints.NONE);
            }
            nanos[batch] = (CPU.getCurrentThreadCpuTime() - start) / 5_000;
        }
        Arrays.sort(nanos);
        System.out.printf("%-70s %10.2f%n", label, nanos[nanos.length / 2] / 1000.0);
    }
}
