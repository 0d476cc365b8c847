package dev.bulwark.controlplane.kernel;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Time-series step, each with the most points one query may return. */
public enum Granularity {
    MINUTE(ChronoUnit.MINUTES, 1_440), HOUR(ChronoUnit.HOURS, 744), DAY(ChronoUnit.DAYS, 400);

    private final ChronoUnit unit;
    private final int maxPoints;

    Granularity(ChronoUnit unit, int maxPoints) {
        this.unit = unit;
        this.maxPoints = maxPoints;
    }

    public static Granularity parse(String text) {
        if (text == null || text.isBlank()) {
            return HOUR;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("granularity", "granularity must be one of minute, hour, day");
        }
    }

    /** PostgreSQL {@code date_trunc} field name. */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Duration step() {
        return unit.getDuration();
    }

    public int maxPoints() {
        return maxPoints;
    }

    /** Start of the step containing {@code instant} (UTC). */
    public Instant floor(Instant instant) {
        return instant.truncatedTo(unit);
    }

    /** Smallest step boundary at or after {@code instant}. */
    public Instant ceil(Instant instant) {
        Instant floor = floor(instant);
        return floor.equals(instant) ? floor : floor.plus(step());
    }

    /**
     * The range widened to whole steps; refused (naming {@code from}) when it would hold more than
     * {@link #maxPoints()} steps, which bounds every time-series query.
     */
    public TimeRange align(TimeRange range) {
        Instant from = floor(range.from());
        Instant to = ceil(range.to());
        long points = (to.getEpochSecond() - from.getEpochSecond()) / step().toSeconds();
        if (points > maxPoints) {
            throw ProblemException.invalid("from", "at most " + maxPoints + " points per query at "
                    + field() + " granularity: narrow from/to or choose a coarser granularity");
        }
        return new TimeRange(from, to);
    }
}
