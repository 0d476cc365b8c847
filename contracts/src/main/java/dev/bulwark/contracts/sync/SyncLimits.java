package dev.bulwark.contracts.sync;

import java.time.Duration;

/** Protocol constants both planes agree on. */
public final class SyncLimits {
    /** The WebSocket path data planes connect to. */
    public static final String PATH = "/sync/v1";
    /** Heartbeats are sent this often by both sides... */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /** ...and a peer silent for this long is considered gone. */
    public static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(20);
    /** Largest message either side accepts (a full snapshot of ~100k keys fits). */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private SyncLimits() {
    }
}
