package dev.bulwark.dataplane.bench;

import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.sql.SqlInjectionDetector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SQL-injection decision per call ({@link SqlInjectionDetector#match}) at the default
 * sensitivity: a 100-character benign value without quotes (the bare context only), the same length
 * with apostrophes (quoted contexts tried too), a typical tautology attack, a union-based one, and
 * a 1,000-character benign text; and, as the same-run baseline, one plain pass over those 1,000
 * characters (classifying each as a letter or not), the least any scanner does. Run with {@code data-plane/bench/run-jmh.sh SqlInjectionBenchmark};
 * never part of {@code mvn verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SqlInjectionBenchmark {

    static final String BENIGN_100 = "Please deliver the parcel to the side door, ring twice and leave it under the porch roof, thanks now";
    static final String BENIGN_QUOTES_100 = "It's O'Brien's order: two coffees, one tea; don't add sugar, we'll pick it up at 5 o'clock sharp, ok";
    static final String ATTACK_TAUTOLOGY = "admin' OR '1'='1' -- ";
    static final String ATTACK_UNION = "-1' UNION ALL SELECT username, password, NULL FROM users-- -";
    static final String BENIGN_1K = (BENIGN_QUOTES_100 + " " + BENIGN_100 + " ").repeat(5);

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    @Benchmark
    public String benign100() {
        return detector.match(BENIGN_100, ThreatSensitivity.DEFAULT);
    }

    @Benchmark
    public String benign100WithApostrophes() {
        return detector.match(BENIGN_QUOTES_100, ThreatSensitivity.DEFAULT);
    }

    @Benchmark
    public String attackTautology() {
        return detector.match(ATTACK_TAUTOLOGY, ThreatSensitivity.DEFAULT);
    }

    @Benchmark
    public String attackUnion() {
        return detector.match(ATTACK_UNION, ThreatSensitivity.DEFAULT);
    }

    @Benchmark
    public String benign1000() {
        return detector.match(BENIGN_1K, ThreatSensitivity.DEFAULT);
    }

    @Benchmark
    public int baselineCharacterPass1000() {
        CharSequence text = BENIGN_1K;
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            letters += Character.isLetter(text.charAt(i)) ? 1 : 0;
        }
        return letters;
    }
}
