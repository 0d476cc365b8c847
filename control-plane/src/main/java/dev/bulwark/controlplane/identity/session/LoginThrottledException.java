package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.kernel.ProblemException;
import java.time.Duration;

/** 429 LOGIN_THROTTLED; the handler adds {@code Retry-After}. */
public final class LoginThrottledException extends ProblemException {
    private final long retryAfterSeconds;

    public LoginThrottledException(Duration wait) {
        super(429, "LOGIN_THROTTLED", "Too many attempts", "Too many failed log-ins; try again later", null);
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
