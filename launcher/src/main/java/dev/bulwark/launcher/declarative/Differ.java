package dev.bulwark.launcher.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares the files with the live tenant, resource by resource and field by field. */
final class Differ {
    private Differ() {
    }

    /** Every resource of either side, in apply order; deletes only when {@code prune}. */
    static List<Change> changes(TenantConfig desired, TenantConfig current, boolean prune) {
        Map<Change.Resource, Map<String, ObjectNode>> want = flatten(desired);
        Map<Change.Resource, Map<String, ObjectNode>> have = flatten(current);
        List<Change> changes = new ArrayList<>();
        for (Change.Resource type : Change.Resource.values()) {
            TreeSet<String> keys = new TreeSet<>(want.get(type).keySet());
            keys.addAll(have.get(type).keySet());
            for (String key : keys) {
                ObjectNode wanted = want.get(type).get(key);
                ObjectNode existing = have.get(type).get(key);
                if (wanted == null) {
                    if (prune) {
                        changes.add(new Change(Change.Kind.DELETE, type, key, null, existing, List.of()));
                    }
                } else if (existing == null) {
                    changes.add(new Change(Change.Kind.CREATE, type, key, wanted, null, List.of()));
                } else {
                    List<String> fields = new ArrayList<>();
                    compare("", existing, wanted, fields);
                    changes.add(new Change(fields.isEmpty() ? Change.Kind.UNCHANGED : Change.Kind.UPDATE, type, key, wanted, existing,
                            fields));
                }
            }
        }
        return changes;
    }

    /** One map per resource kind: natural key → the resource's own fields (children split off). */
    static Map<Change.Resource, Map<String, ObjectNode>> flatten(TenantConfig config) {
        Map<Change.Resource, Map<String, ObjectNode>> flat = new LinkedHashMap<>();
        for (Change.Resource type : Change.Resource.values()) {
            flat.put(type, new LinkedHashMap<>());
        }
        config.apis().forEach((name, api) -> {
            flat.get(Change.Resource.API).put(name, Nodes.without(api, "plans"));
            api.path("plans").properties().forEach(plan ->
                    flat.get(Change.Resource.PLAN).put(name + "/" + plan.getKey(), (ObjectNode) plan.getValue()));
        });
        config.developers().forEach((email, developer) -> {
            flat.get(Change.Resource.DEVELOPER).put(email, Nodes.without(developer, "applications"));
            developer.path("applications").properties().forEach(app -> {
                String appKey = email + "/" + app.getKey();
                flat.get(Change.Resource.APPLICATION).put(appKey, Nodes.without((ObjectNode) app.getValue(), "subscriptions"));
                app.getValue().path("subscriptions").properties().forEach(sub ->
                        flat.get(Change.Resource.SUBSCRIPTION).put(appKey + "/" + sub.getKey(), (ObjectNode) sub.getValue()));
            });
        });
        return flat;
    }

    /** Field paths that differ, as {@code path: old → new}; lists are compared whole, documents by digest. */
    private static void compare(String path, JsonNode before, JsonNode after, List<String> out) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name), out);
            }
            return;
        }
        JsonNode was = Nodes.canonical(before);
        JsonNode now = Nodes.canonical(after);
        // Canonical forms: key order, explicit nulls and int/long spellings of a number are not changes.
        if (was == null ? now == null : was.equals(now)) {
            return;
        }
        if (path.equals("openapi")) {
            out.add("openapi: document changed (sha256 " + digest(before) + " → " + digest(after) + ")");
        } else {
            out.add(path + ": " + show(before) + " → " + show(after));
        }
    }

    private static String show(JsonNode node) {
        return node == null ? "(none)" : node.toString();
    }

    private static String digest(JsonNode node) {
        if (node == null) {
            return "(none)";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(node.asText().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
