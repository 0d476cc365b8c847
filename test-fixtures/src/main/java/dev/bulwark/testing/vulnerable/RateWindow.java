package dev.bulwark.testing.vulnerable;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A sliding-window limit per key (the fixed twin's rate limit). */
final class RateWindow {
    private final int limit;
    private final long windowMillis;
    private final Map<String, Deque<Long>> seen = new HashMap<>();

    RateWindow(int limit, long windowMillis) {
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    synchronized boolean allow(String key) {
        long now = System.currentTimeMillis();
        Deque<Long> times = seen.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
