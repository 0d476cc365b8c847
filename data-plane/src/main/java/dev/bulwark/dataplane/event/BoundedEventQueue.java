package dev.bulwark.dataplane.event;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded, lock-free multi-producer queue: event loops offer, the one shipper thread polls.
 * The size counter is reserved before the element is linked, so the bound is never exceeded and
 * an offer on a full queue fails at once instead of waiting.
 */
final class BoundedEventQueue {
    private final ConcurrentLinkedQueue<Object> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    BoundedEventQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Returns the size after the offer, or -1 when the queue is full and the item was not taken. */
    int offer(Object item) {
        int reserved = size.incrementAndGet();
        if (reserved > capacity) {
            size.decrementAndGet();
            return -1;
        }
        items.offer(item);
        return reserved;
    }

    Object poll() {
        Object item = items.poll();
        if (item != null) {
            size.decrementAndGet();
        }
        return item;
    }

    int size() {
        return size.get();
    }
}
