package dev.bulwark.securitytesting.scan.model;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What a scan did, line by line, for the tenant to read (no credentials, no bodies). */
public final class RunLog {

    /** One line of the log. */
    public record Entry(Instant at, String message) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Clock clock;
    private final Consumer<Entry> listener;

    public RunLog(Clock clock, Consumer<Entry> listener) {
        this.clock = clock;
        this.listener = listener;
    }

    public RunLog() {
        this(Clock.systemUTC(), entry -> { });
    }

    public void add(String message) {
        Entry entry = new Entry(clock.instant(), message);
        synchronized (entries) {
            entries.add(entry);
        }
        listener.accept(entry);
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
