package dev.bulwark.controlplane.kernel;

import java.util.List;

/**
 * One page of a list. {@code nextCursor} is opaque to clients and null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
