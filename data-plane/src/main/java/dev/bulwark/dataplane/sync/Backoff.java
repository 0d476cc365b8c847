package dev.bulwark.dataplane.sync;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half the step fixed, half random, capped. */
final class Backoff {
    private final long initialMillis;
    private final long capMillis;
    private int failures;

    Backoff(long initialMillis, long capMillis) {
        this.initialMillis = initialMillis;
        this.capMillis = capMillis;
    }

    long nextDelayMillis() {
        long step = Math.min(capMillis, initialMillis << Math.min(failures, 20));
        failures++;
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    void reset() {
        failures = 0;
    }
}
