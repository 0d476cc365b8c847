package dev.bulwark.launcher.declarative;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Prints changes as a plan: one line per resource, its differing fields under it, then totals. */
final class Report {
    private Report() {
    }

    /** @return true when anything would change */
    static boolean print(List<Change> changes, PrintStream out) {
        Map<Change.Kind, Integer> counts = new EnumMap<>(Change.Kind.class);
        for (Change change : changes) {
            counts.merge(change.kind(), 1, Integer::sum);
            out.println(change.kind().sign + " " + change.kind().word + " " + change.type().word + " " + change.key());
            change.fields().forEach(field -> out.println("    " + field));
        }
        int create = counts.getOrDefault(Change.Kind.CREATE, 0);
        int update = counts.getOrDefault(Change.Kind.UPDATE, 0);
        int delete = counts.getOrDefault(Change.Kind.DELETE, 0);
        out.println(create + " to create, " + update + " to update, " + delete + " to delete, "
                + counts.getOrDefault(Change.Kind.UNCHANGED, 0) + " unchanged.");
        return create + update + delete > 0;
    }
}
