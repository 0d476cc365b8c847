package dev.bulwark.contracts.snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Who may route where on the shared gateways. The gateway sends a request to the API with the
 * longest base path that is a segment prefix of the request path, and prefers an API bound to the
 * request's host over a host-less one (which serves every host). So a route that is a segment
 * prefix or a segment extension of another route, on a host both can serve, takes traffic from it:
 * {@code /echo/items} under {@code /echo}, or {@code host: x, /} over everything. Between tenants
 * that is capture of another tenant's clients, their credentials and bodies; it is refused here.
 * Within one tenant it is the tenant's own design (a versioned API below a catch-all, say) and
 * allowed.
 *
 * <p>Paths are compared on a normal form that is at least as coarse as the router's: segments
 * percent-decoded where they encode an unreserved character, and case-folded. The router itself
 * is case-sensitive and does not decode, so two spellings it keeps apart may still be refused here
 * (an {@code /Echo} next to {@code /echo} would only serve to confuse callers); nothing it joins
 * is missed. Hosts are case-folded with a trailing dot removed. Dot segments are refused by the
 * base-path syntax before this runs.
 */
public final class RouteOwnership {
    /** A live route: the tenant, the host (null for any host) and the base path. */
    public record Route(String tenantId, String host, String basePath) {
    }

    /** A route of {@code routes} at {@code index} overlaps the one at {@code other}, of another tenant. */
    public record Conflict(int index, int other) {
    }

    private static final String ANY = "\u0000any";
    private static final String ALL = "\u0000all";

    private RouteOwnership() {
    }

    /** True when two routes of different tenants could answer the same request. */
    public static boolean conflicts(Route a, Route b) {
        return !Objects.equals(a.tenantId(), b.tenantId()) && overlaps(a, b);
    }

    /** True when some request could be routed to either, whoever owns them. */
    public static boolean overlaps(Route a, Route b) {
        String hostA = host(a.host());
        String hostB = host(b.host());
        if (hostA != null && hostB != null && !hostA.equals(hostB)) {
            return false;
        }
        List<String> pathA = segments(a.basePath());
        List<String> pathB = segments(b.basePath());
        int common = Math.min(pathA.size(), pathB.size());
        return pathA.subList(0, common).equals(pathB.subList(0, common));
    }

    /**
     * Every route that overlaps a route of another tenant, each paired with the first such route,
     * in one pass: O(routes × depth) with hash lookups, not O(routes²).
     */
    public static List<Conflict> conflicts(List<Route> routes) {
        // key = host + normal path; value = tenant -> index of its first route there
        Map<String, Map<String, Integer>> at = new HashMap<>();
        Map<String, Map<String, Integer>> below = new HashMap<>();
        List<List<String>> paths = new ArrayList<>(routes.size());
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            List<String> path = segments(route.basePath());
            paths.add(path);
            String host = host(route.host());
            for (String hostKey : host == null ? List.of(ANY, ALL) : List.of(host, ALL)) {
                record(at, key(hostKey, path, path.size()), route.tenantId(), i);
                for (int depth = 0; depth < path.size(); depth++) {
                    record(below, key(hostKey, path, depth), route.tenantId(), i);
                }
            }
        }
        List<Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            List<String> path = paths.get(i);
            String host = host(route.host());
            List<String> hostKeys = host == null ? List.of(ALL) : List.of(host, ANY);
            Integer other = null;
            for (String hostKey : hostKeys) {
                for (int depth = 0; depth <= path.size() && other == null; depth++) {
                    other = otherTenant(at.get(key(hostKey, path, depth)), route.tenantId());
                }
                if (other == null) {
                    other = otherTenant(below.get(key(hostKey, path, path.size())), route.tenantId());
                }
                if (other != null) {
                    break;
                }
            }
            if (other != null) {
                conflicts.add(new Conflict(i, other));
            }
        }
        return conflicts;
    }

    /** The host in the form routes are compared on; null for any host. */
    public static String host(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String lower = host.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The base path's segments in the form routes are compared on; "/" has none. */
    public static List<String> segments(String basePath) {
        List<String> segments = new ArrayList<>();
        if (basePath == null) {
            return segments;
        }
        for (String part : basePath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(normalSegment(part));
            }
        }
        return segments;
    }

    /** RFC 3986 normalisation of one segment (decode unreserved characters) plus case folding. */
    static String normalSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                int value = hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2));
                if (value >= 0 && unreserved((char) value)) {
                    out.append((char) value);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -1000 : digit;
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String key(String host, List<String> path, int depth) {
        StringBuilder key = new StringBuilder(host);
        for (int i = 0; i < depth; i++) {
            key.append('/').append(path.get(i));
        }
        return key.toString();
    }

    private static void record(Map<String, Map<String, Integer>> index, String key, String tenant, int position) {
        index.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(String.valueOf(tenant), position);
    }

    private static Integer otherTenant(Map<String, Integer> tenants, String tenant) {
        if (tenants == null) {
            return null;
        }
        for (Map.Entry<String, Integer> entry : tenants.entrySet()) {
            if (!entry.getKey().equals(String.valueOf(tenant))) {
                return entry.getValue();
            }
        }
        return null;
    }
}
