package dev.bulwark.securitytesting.scan.model;

import java.util.concurrent.atomic.AtomicBoolean;

/** Cancels a running scan from another thread: no request starts after {@link #cancel()}. */
public final class ScanControl {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean cancelled() {
        return cancelled.get();
    }
}
