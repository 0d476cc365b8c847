package dev.bulwark.dataplane.policy.jwt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Introspection answers by token digest, each until its own deadline, the least recently used
 * evicted past {@code maxEntries}. Keys are SHA-256 digests, never tokens: a heap dump or a debug
 * print of the cache yields nothing to replay. One short lock per lookup; the critical sections
 * are a hash-map access each.
 */
final class IntrospectionCache {
    private record Cached(Introspected answer, long expiresAtNanos) {
    }

    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, Cached> entries;

    IntrospectionCache(int maxEntries, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The answer cached for {@code digest}, or null when there is none or it has expired. */
    Introspected get(String digest) {
        long now = nanoTime.getAsLong();
        synchronized (entries) {
            Cached entry = entries.get(digest);
            if (entry == null) {
                return null;
            }
            if (now - entry.expiresAtNanos() >= 0) {
                entries.remove(digest);
                return null;
            }
            return entry.answer();
        }
    }

    /** Keeps {@code answer} for {@code ttlNanos}; nothing when that is not positive. */
    void put(String digest, Introspected answer, long ttlNanos) {
        if (ttlNanos <= 0) {
            return;
        }
        long expiresAt = nanoTime.getAsLong() + ttlNanos;
        synchronized (entries) {
            entries.put(digest, new Cached(answer, expiresAt));
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
