package dev.bulwark.controlplane.usage;

import dev.bulwark.controlplane.web.ProblemException;
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
    String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    Duration step() {
        return unit.getDuration();
    }

    int maxPoints() {
        return maxPoints;
    }

    /** Start of the step containing {@code instant} (UTC). */
    Instant floor(Instant instant) {
        return instant.truncatedTo(unit);
    }

    /** Smallest step boundary at or after {@code instant}. */
    Instant ceil(Instant instant) {
        Instant floor = floor(instant);
        return floor.equals(instant) ? floor : floor.plus(step());
    }
}
