package dev.bulwark.dataplane.proxy.edge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on open client connections, shared by every event loop: in total, and per client address
 * (a connection flood or a slowloris from one address cannot take every socket). Counted once per
 * connection, never per request.
 */
public final class ConnectionLimiter {
    /** Why a connection was refused, as the metric's reason label. */
    public static final String TOTAL = "max_connections";
    public static final String PER_CLIENT = "max_connections_per_client";

    private final int maxTotal;
    private final int maxPerClient;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byClient = new ConcurrentHashMap<>();

    /** @param maxPerClient 0 for no per-address cap (behind a load balancer every client has its address) */
    public ConnectionLimiter(int maxTotal, int maxPerClient) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
    }

    /** Null when the connection is admitted (and counted), else the reason it is not. */
    public String admit(String address) {
        if (open.incrementAndGet() > maxTotal) {
            open.decrementAndGet();
            return TOTAL;
        }
        if (maxPerClient > 0 && address != null) {
            AtomicInteger count = byClient.computeIfAbsent(address, a -> new AtomicInteger());
            if (count.incrementAndGet() > maxPerClient) {
                release(address);
                return PER_CLIENT;
            }
        }
        return null;
    }

    /** An admitted connection closed. */
    public void release(String address) {
        open.decrementAndGet();
        if (maxPerClient > 0 && address != null) {
            byClient.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    public int open() {
        return open.get();
    }
}
