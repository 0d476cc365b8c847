package dev.bulwark.billing.period;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A half-open time range {@code [start, end)}: an instant belongs to exactly one of two adjacent intervals. */
public record Interval(Instant start, Instant end) {

    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("Interval must end after it starts: " + start + " .. " + end);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public long seconds() {
        return Duration.between(start, end).getSeconds();
    }

    public Optional<Interval> intersection(Interval other) {
        Instant from = start.isAfter(other.start) ? start : other.start;
        Instant to = end.isBefore(other.end) ? end : other.end;
        return from.isBefore(to) ? Optional.of(new Interval(from, to)) : Optional.empty();
    }
}
