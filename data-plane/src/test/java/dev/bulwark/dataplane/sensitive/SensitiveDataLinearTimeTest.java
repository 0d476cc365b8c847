package dev.bulwark.dataplane.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.SensitiveDataKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The response scanner's work without a clock: bodies built so that nearly every byte is a candidate
 * start for some format (runs of digits and separators, token prefixes, unclosed PEM headers, chains
 * of {@code @}), at 1x, 2x, 4x and 8x a base size, every kind on. The pass's own work count (bytes
 * stepped over and formats tried, each with a constant look-ahead) must grow linearly: the work added
 * from 4x to 8x at most 4x (plus a margin) the work added from 1x to 2x (a quadratic pass would add
 * 16x; comparing increments rather than totals lets a fixed window, such as a PEM body's 16 KiB,
 * cost a constant), and a bounded number of operations per byte.
 */
class SensitiveDataLinearTimeTest {
    private static final int BASE = 32_768;
    private static final SensitiveDataScanner ALL = new SensitiveDataScanner(EnumSet.allOf(SensitiveDataKind.class), 4);

    @ParameterizedTest
    @ValueSource(strings = {"1 ", "4111 ", "1-", "12.", "0 1 2 ", "X1234567 ", "AB 12 ", "RSSMRA85", "2A", "+4", "@", "a@b.", "eyJ",
        "eyJhbGciOiJIUzI1NiJ9.", "-----BEGIN PRIVATE KEY-----", "-----BEGIN ", "AKIA", "ghp_", "xoxb-", "sk_live_", "DE89 ", "GB82WEST",
        "\"", "\\\"4111111111111111", "9"})
    void workGrowsLinearlyWithTheBody(String unit) {
        long[] work = new long[4];
        for (int step = 0; step < 4; step++) {
            int size = BASE << step;
            byte[] body = unit.repeat(size / unit.length() + 1).substring(0, size).getBytes(StandardCharsets.UTF_8);
            long[] counter = new long[1];
            ALL.scan(body, body.length, unit.startsWith("\""), true, false, counter);
            work[step] = counter[0];
        }
        String what = unit + " at 1x/2x/4x/8x: " + Arrays.toString(work);
        assertThat(work[3] - work[2]).as(what).isLessThanOrEqualTo((work[1] - work[0]) * 9 / 2 + 1_024);
        assertThat(work[3]).as(what).isLessThanOrEqualTo(32L * (BASE << 3));
    }
}
