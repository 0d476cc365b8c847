package dev.bulwark.controlplane.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private static Baseline steady(int windows, long value) {
        Baseline baseline = Baseline.first(T0);
        for (int i = 0; i < windows; i++) {
            baseline = baseline.add(T0.plus(MINUTE.multipliedBy(i)), value, MINUTE);
        }
        return baseline;
    }

    @Test
    void learnsForThirtyWindowsBeforeItMayJudge() {
        assertThat(steady(30, 60).learning()).as("30 windows seen, 29 folded").isTrue();
        assertThat(steady(31, 60).learning()).isFalse();
        assertThat(steady(31, 60).samples()).isEqualTo(30);
    }

    @Test
    void theMeanFollowsTheWindowsAndTheLimitAllowsForTheirSpread() {
        Baseline flat = steady(200, 60);
        assertThat(flat.mean()).isCloseTo(60, org.assertj.core.data.Offset.offset(0.1));
        assertThat(flat.limit(1)).as("no spread: the mean itself").isBetween(60L, 61L);
        assertThat(flat.limit(100)).as("never below the floor").isEqualTo(100);

        Baseline noisy = Baseline.first(T0);
        for (int i = 0; i < 200; i++) {
            noisy = noisy.add(T0.plus(MINUTE.multipliedBy(i)), i % 2 == 0 ? 40 : 80, MINUTE);
        }
        assertThat(noisy.mean()).isCloseTo(60, org.assertj.core.data.Offset.offset(2.0));
        // deviation ~20: four of them above the mean
        assertThat(noisy.limit(1)).isBetween(130L, 150L);
    }

    @Test
    void valuesOfOneWindowAddUpAndEmptyWindowsCountAsZero() {
        Baseline baseline = steady(100, 60);
        Baseline sameWindow = baseline.add(baseline.bucketStart(), 15, MINUTE);
        assertThat(sameWindow.bucketValue()).isEqualTo(75);
        assertThat(sameWindow.mean()).isEqualTo(baseline.mean());

        Baseline afterAnHour = baseline.add(baseline.bucketStart().plus(Duration.ofHours(1)), 5, MINUTE);
        assertThat(afterAnHour.samples()).isEqualTo(baseline.samples() + 60);
        assertThat(afterAnHour.mean()).as("sixty empty windows decay the mean").isLessThan(2.0);
        assertThat(afterAnHour.bucketValue()).isEqualTo(5);

        Baseline afterAMonth = baseline.add(baseline.bucketStart().plus(Duration.ofDays(30)), 1, MINUTE);
        assertThat(afterAMonth.mean()).isLessThan(0.001);
    }

    @Test
    void aValueForAnEarlierWindowIsTooLateToCount() {
        Baseline baseline = steady(40, 60);
        assertThat(baseline.add(T0, 1_000, MINUTE)).isSameAs(baseline);
    }
}
