package dev.bulwark.controlplane.closure;

import dev.bulwark.controlplane.sql.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rows are a tenant's, and in which order they can be deleted, read from the database's own
 * catalogue rather than a hand-kept list: a table added by a later feature is purged without anyone
 * remembering to. A table is the tenant's when it has a {@code tenant_id} column or a foreign key to
 * {@code tenant}; a table without either whose rows reference such a table (without ON DELETE
 * CASCADE / SET NULL) is reached through that reference. Children come before their parents.
 * <p>Left out on purpose: {@code tenant} itself (deleted last), {@code tenant_purge} (the record of
 * the purge) and {@code keycloak_realm} (the de-provisioning outbox, which outlives the tenant until
 * Keycloak has deleted the realm). Partitions are reached through their partitioned table.
 */
record PurgePlan(List<Step> steps) {
    static final Set<String> KEPT = Set.of("tenant", "tenant_purge", "keycloak_realm", "flyway_schema_history");

    /** One DELETE: {@code predicate} takes the tenant id once per {@code ?}. */
    record Step(String table, String predicate, int parameters) {
        String sql() {
            return "DELETE FROM " + quote(table) + " WHERE " + predicate;
        }
    }

    private record Reference(String child, List<String> columns, String parent, List<String> parentColumns, String onDelete) {
    }

    static PurgePlan read(Sql sql) {
        Map<String, List<String>> tenantColumns = new LinkedHashMap<>();
        sql.list("""
                SELECT c.relname AS tbl, a.attname AS col FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND (a.attname = 'tenant_id' OR EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f'
                       AND f.conrelid = c.oid AND f.confrelid = 'tenant'::regclass AND f.conkey = ARRAY[a.attnum]))
                ORDER BY 1, 2""", row -> tenantColumns.computeIfAbsent(row.getString("tbl"), k -> new ArrayList<>()).add(row.getString("col")));
        List<Reference> references = sql.list("""
                SELECT c.relname AS child, p.relname AS parent, f.confdeltype AS on_delete,
                       ARRAY(SELECT a.attname FROM unnest(f.conkey) WITH ORDINALITY k(n, i)
                             JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS cols,
                       ARRAY(SELECT a.attname FROM unnest(f.confkey) WITH ORDINALITY k(n, i)
                             JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS pcols
                FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE f.contype = 'f' AND f.conparentid = 0 AND n.nspname = current_schema() AND NOT c.relispartition
                ORDER BY 1, 2""", row -> new Reference(row.getString("child"), List.of((String[]) row.getArray("cols").getArray()),
                row.getString("parent"), List.of((String[]) row.getArray("pcols").getArray()), row.getString("on_delete")));
        return plan(tenantColumns, references);
    }

    static PurgePlan plan(Map<String, List<String>> tenantColumns, List<Reference> references) {
        Map<String, String> predicates = new LinkedHashMap<>();
        Map<String, Integer> parameters = new HashMap<>();
        tenantColumns.forEach((table, columns) -> {
            if (!KEPT.contains(table)) {
                predicates.put(table, String.join(" OR ", columns.stream().map(c -> quote(c) + " = ?").toList()));
                parameters.put(table, columns.size());
            }
        });
        // Tables reached only through a reference to a tenant table: until nothing new is found.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Reference ref : references) {
                boolean automatic = ref.onDelete().equals("c") || ref.onDelete().equals("n") || ref.onDelete().equals("d");
                if (!automatic && !predicates.containsKey(ref.child()) && predicates.containsKey(ref.parent())
                        && !KEPT.contains(ref.child())) {
                    predicates.put(ref.child(), "(" + columns(ref.columns()) + ") IN (SELECT " + columns(ref.parentColumns())
                            + " FROM " + quote(ref.parent()) + " WHERE " + predicates.get(ref.parent()) + ")");
                    parameters.put(ref.child(), parameters.get(ref.parent()));
                    grew = true;
                }
            }
        }
        // Children first (Kahn's algorithm over the references between tables to delete).
        Map<String, Set<String>> children = new HashMap<>();
        Map<String, Integer> pendingChildren = new HashMap<>();
        predicates.keySet().forEach(t -> pendingChildren.put(t, 0));
        for (Reference ref : references) {
            if (predicates.containsKey(ref.child()) && predicates.containsKey(ref.parent()) && !ref.child().equals(ref.parent())
                    && children.computeIfAbsent(ref.parent(), k -> new HashSet<>()).add(ref.child())) {
                pendingChildren.merge(ref.parent(), 1, Integer::sum);
            }
        }
        Map<String, Set<String>> parents = new HashMap<>();
        children.forEach((parent, kids) -> kids.forEach(kid -> parents.computeIfAbsent(kid, k -> new HashSet<>()).add(parent)));
        List<Step> steps = new ArrayList<>();
        List<String> ready = new ArrayList<>(pendingChildren.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).sorted().toList());
        while (!ready.isEmpty()) {
            String table = ready.remove(0);
            steps.add(new Step(table, predicates.get(table), parameters.get(table)));
            for (String parent : parents.getOrDefault(table, Set.of())) {
                if (pendingChildren.merge(parent, -1, Integer::sum) == 0) {
                    ready.add(parent);
                }
            }
        }
        if (steps.size() != predicates.size()) {
            throw new IllegalStateException("tenant tables reference each other in a cycle; purge order unknown");
        }
        return new PurgePlan(List.copyOf(steps));
    }

    private static String columns(List<String> names) {
        return String.join(", ", names.stream().map(PurgePlan::quote).toList());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
