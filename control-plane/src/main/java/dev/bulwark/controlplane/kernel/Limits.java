package dev.bulwark.controlplane.kernel;

import io.micronaut.core.annotation.Nullable;

/** Page sizes: {@code ?limit=} from 1 to 200, 50 when absent. */
public final class Limits {
    public static final int DEFAULT = 50;
    public static final int MAX = 200;

    private Limits() {
    }

    public static int parse(@Nullable Integer limit) {
        if (limit == null) {
            return DEFAULT;
        }
        if (limit < 1 || limit > MAX) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX);
        }
        return limit;
    }
}
