package dev.bulwark.dataplane.policy.bench;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request cost of API-key authentication against a snapshot of 100,000 keys: the same
 * steps as {@code ApiKeyAuthPolicy} (checksum, lookup by public prefix, constant-time HMAC
 * comparison), without HTTP. Run with {@code data-plane/bench/run-jmh.sh ApiKeyLookup}; never
 * part of {@code verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ApiKeyLookupBenchmark {
    private static final int KEYS = 100_000;
    private static final int PRESENTED = 4_096;

    private final ApiKeyDigester digester = new ApiKeyDigester(new SecureRandom().generateSeed(32));
    private Map<String, ApiKeyEntry> table;
    private String[] valid;
    private String[] unknown;
    private String[] garbage;
    private int next;

    @Setup(Level.Trial)
    public void buildTable() {
        table = new HashMap<>(KEYS * 2);
        valid = new String[PRESENTED];
        for (int i = 0; i < KEYS; i++) {
            String key = ApiKeys.generate(KeyEnvironment.LIVE);
            table.put(ApiKeys.lookupId(key), new ApiKeyEntry("k" + i, ApiKeys.lookupId(key), digester.digest(key), "t", "a",
                    List.of(), null));
            if (i < PRESENTED) {
                valid[i] = key;
            }
        }
        unknown = new String[PRESENTED];
        garbage = new String[PRESENTED];
        for (int i = 0; i < PRESENTED; i++) {
            unknown[i] = ApiKeys.generate(KeyEnvironment.LIVE);
            garbage[i] = "bwk_live_" + "x".repeat(40) + i;
        }
    }

    @Benchmark
    public boolean validKey() {
        return authenticate(valid[next++ & (PRESENTED - 1)]);
    }

    @Benchmark
    public boolean unknownWellFormedKey() {
        return authenticate(unknown[next++ & (PRESENTED - 1)]);
    }

    @Benchmark
    public boolean malformedKey() {
        return authenticate(garbage[next++ & (PRESENTED - 1)]);
    }

    private boolean authenticate(String key) {
        if (!ApiKeys.isWellFormed(key)) {
            return false;
        }
        ApiKeyEntry entry = table.get(ApiKeys.lookupId(key));
        return entry != null && digester.matches(key, entry.digest());
    }
}
