package dev.bulwark.dataplane.observability;

import java.time.Instant;

/**
 * ISO-8601 UTC timestamps as {@link Instant#toString()} writes them for whole milliseconds, with
 * the text up to the second formatted once per second and shared by every line of that second
 * (formatting an {@code Instant} per line built a formatter context and two strings each time).
 */
final class Timestamps {
    /** The last second formatted; replaced as a whole, so readers on any thread see a matching pair. */
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private Timestamps() {
    }

    static StringBuilder append(StringBuilder line, long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Second current = last;
        if (current.epochSecond != second) {
            String text = Instant.ofEpochSecond(second).toString(); // "...T12:34:56Z"
            current = new Second(second, text.substring(0, text.length() - 1));
            last = current;
        }
        line.append(current.prefix);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        if (millis != 0) {
            line.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10));
        }
        return line.append('Z');
    }

    private record Second(long epochSecond, String prefix) {
    }
}
