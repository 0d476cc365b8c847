package dev.bulwark.dataplane.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The access log's hand-written figures read exactly as the JDK's own formatting wrote them before. */
class AccessLogFormatTest {

    @Test
    void millisecondsReadAsDoubleToStringOfTheValueRoundedToTheMicrosecond() {
        SplittableRandom random = new SplittableRandom(17);
        double[] fixed = {0, 0.0004, 0.0005, 0.001, 0.01, 0.1, 0.125, 1, 1.5, 2.25, 12.345, 999.9996, 1234567.891};
        for (double value : fixed) {
            assertMillis(value);
        }
        for (int i = 0; i < 100_000; i++) {
            assertMillis(random.nextDouble() * Math.pow(10, random.nextInt(7)));
        }
    }

    @Test
    void timestampsReadAsInstantToString() {
        SplittableRandom random = new SplittableRandom(42);
        long[] fixed = {0, 1, 999, 1_000, 1_001, 1_700_000_000_000L, 1_700_000_000_010L, 1_700_000_000_100L, -1, -1_001};
        for (long millis : fixed) {
            assertTimestamp(millis);
        }
        long base = 1_800_000_000_000L;
        for (int i = 0; i < 10_000; i++) {
            assertTimestamp(base + random.nextLong(86_400_000L * 400));
            assertTimestamp(base + i); // many lines in one second share its prefix
        }
    }

    private static void assertMillis(double value) {
        StringBuilder line = new StringBuilder();
        AccessLog.Entry.millis(line, value);
        assertThat(line.toString()).as("%s ms", value).isEqualTo(Double.toString(Math.round(value * 1000) / 1000.0));
    }

    private static void assertTimestamp(long millis) {
        assertThat(Timestamps.append(new StringBuilder(), millis).toString()).isEqualTo(Instant.ofEpochMilli(millis).toString());
    }
}
