package dev.bulwark.controlplane.kernel;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset pagination over time-ordered ids: the position is the last id of the previous page.
 * Services see plain positions; {@link CatalogPages} seals them into tamper-evident cursors
 * (web.Cursors) at the HTTP edge.
 */
public record KeysetCursor(UUID after, int limit) {
    private static final UUID START = new UUID(0, 0);

    public static KeysetCursor of(Integer limit, String cursor) {
        int size = Limits.parse(limit);
        if (cursor == null || cursor.isEmpty()) {
            return new KeysetCursor(START, size);
        }
        try {
            return new KeysetCursor(UUID.fromString(cursor), size);
        } catch (IllegalArgumentException e) {
            throw dev.bulwark.controlplane.kernel.Cursors.invalid();
        }
    }

    /** Rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    public <T> Page<T> page(List<T> rows, Function<T, UUID> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, id.apply(items.get(limit - 1)).toString());
    }
}
