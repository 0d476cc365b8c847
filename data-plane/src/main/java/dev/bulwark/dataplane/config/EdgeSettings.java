package dev.bulwark.dataplane.config;

import java.time.Duration;

/**
 * Limits of the traffic port against clients that hold resources without using them (slowloris,
 * connection floods) and against HTTP/2 protocol abuse. docs/gateway.md, "Defences and limits".
 *
 * @param headerTimeout           from the first byte of an HTTP/1 request head to its end; then 408 and close
 * @param idleTimeout             a connection with no request in flight for this long is closed
 * @param bodyMinBytesPerSecond   a request body must arrive at least this fast while the gateway reads it; 0: no floor
 * @param bodyRateWindow          the window the body rate is measured over (the first window is the grace period)
 * @param maxConnections          open client connections per gateway process; more are closed at once
 * @param maxConnectionsPerClient open connections per client address; 0: no per-address cap
 * @param http2MaxConcurrentStreams   SETTINGS_MAX_CONCURRENT_STREAMS advertised to clients
 * @param http2MaxHeaderListSize      SETTINGS_MAX_HEADER_LIST_SIZE: decoded header bytes of one request
 * @param http2MaxResets              stream resets a client may send per window before its connection is closed
 * @param http2MaxControlFrames       SETTINGS and PING frames a client may send per window
 * @param http2FloodWindow            the window of both HTTP/2 counts
 * @param http2Cleartext              accept h2c (prior knowledge and upgrade) on a plain-text port. Off by
 *                                    default: Vert.x then reads the first request of every plain-text
 *                                    connection with its own lenient HTTP/1 decoder before the gateway's
 *                                    strict one can be put in place
 */
public record EdgeSettings(Duration headerTimeout, Duration idleTimeout, int bodyMinBytesPerSecond, Duration bodyRateWindow,
                           int maxConnections, int maxConnectionsPerClient, int http2MaxConcurrentStreams,
                           int http2MaxHeaderListSize, int http2MaxResets, int http2MaxControlFrames, Duration http2FloodWindow,
                           boolean http2Cleartext) {

    /** The defaults of every setting, as documented. */
    public static EdgeSettings defaults() {
        return new EdgeSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), 1_024, Duration.ofSeconds(10), 10_000, 256,
                100, 16_384, 100, 100, Duration.ofSeconds(10), false);
    }
}
