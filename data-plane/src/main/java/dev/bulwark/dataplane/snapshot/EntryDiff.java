package dev.bulwark.dataplane.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Entries that differ between two id-sorted lists, found by one merge walk. The sync client hands
 * over snapshots whose lists are in id order and whose unchanged entries are the very same objects,
 * so the walk is a reference comparison per entry. Unsorted input (or missing or repeated ids) gives
 * null: the caller compiles from scratch, where full validation reports what is wrong.
 *
 * @param before the old entries that were removed or replaced
 * @param after  the new entries that were added or replace old ones
 */
record EntryDiff<T>(List<T> before, List<T> after) {

    boolean isEmpty() {
        return before.isEmpty() && after.isEmpty();
    }

    static <T> EntryDiff<T> of(List<T> old, List<T> next, Function<T, String> idOf) {
        List<T> before = new ArrayList<>();
        List<T> after = new ArrayList<>();
        int i = 0;
        int j = 0;
        String lastOld = null;
        String lastNext = null;
        while (i < old.size() || j < next.size()) {
            T x = i < old.size() ? old.get(i) : null;
            T y = j < next.size() ? next.get(j) : null;
            String kx = x == null ? null : idOf.apply(x);
            String ky = y == null ? null : idOf.apply(y);
            if (x != null && kx == null || y != null && ky == null) {
                return null;
            }
            int order = x == null ? 1 : y == null ? -1 : kx.compareTo(ky);
            if (order <= 0) {
                if (lastOld != null && lastOld.compareTo(kx) >= 0) {
                    return null;
                }
                lastOld = kx;
                i++;
            }
            if (order >= 0) {
                if (lastNext != null && lastNext.compareTo(ky) >= 0) {
                    return null;
                }
                lastNext = ky;
                j++;
            }
            if (order < 0) {
                before.add(x);
            } else if (order > 0) {
                after.add(y);
            } else if (x != y && !x.equals(y)) {
                before.add(x);
                after.add(y);
            }
        }
        return new EntryDiff<>(before, after);
    }
}
