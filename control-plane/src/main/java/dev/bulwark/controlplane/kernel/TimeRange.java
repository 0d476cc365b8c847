package dev.bulwark.controlplane.kernel;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A half-open query interval [from, to) read from ISO-8601 query parameters. */
public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        if (!from.isBefore(to)) {
            throw ProblemException.invalid("from", "from must be before to");
        }
    }

    /** {@code to} defaults to now and {@code from} to {@code to - defaultSpan}; bad text names its field. */
    public static TimeRange parse(String from, String to, Duration defaultSpan, Instant now) {
        Instant end = to == null || to.isBlank() ? now : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(defaultSpan) : instant("from", from);
        return new TimeRange(start, end);
    }

    public static Instant instant(String field, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, field + " must be an ISO-8601 instant such as 2026-11-27T10:00:00Z");
        }
    }

    public static int limit(String text, int defaultValue, int max) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        int requested;
        try {
            requested = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            requested = -1;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.invalid("limit", "limit must be between 1 and " + max);
        }
        return requested;
    }
}
