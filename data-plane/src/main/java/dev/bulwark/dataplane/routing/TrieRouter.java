package dev.bulwark.dataplane.routing;

import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.model.Router;
import java.util.Locale;
import java.util.Map;

/**
 * Routes by host, then the longest base path, then the API's operations: a segment trie walked
 * once per request, no regular expression and no substring until the match is known.
 *
 * <p>Rules: an API published for the exact host is preferred to one published for any host; among
 * the APIs of that host the longest base path that is a segment prefix of the path wins, and it
 * owns everything below it (no fall-back to a shorter base path); within the API a literal segment
 * beats a variable at the first position where two templates differ; HEAD falls back to GET; one
 * trailing slash is insignificant; a request no operation matches goes to the API's fallback route
 * when it has one, else it is 405 (the path exists for another method) or 404, reported as that
 * API's refusal so the gateway can count probes of undeclared paths against the API.
 */
public final class TrieRouter implements Router {
    /** An API owns the path but is unknown (it has no routes at all): refused as if no API covered it. */
    private static final RouteMatch NO_OPERATION = RouteMatch.refused(null, "/", 404);

    private final Map<String, ApiNode> byHost;
    private final ApiNode anyHost;

    TrieRouter(Map<String, ApiNode> byHost, ApiNode anyHost) {
        this.byHost = Map.copyOf(byHost);
        this.anyHost = anyHost;
    }

    @Override
    public RouteMatch match(String host, String method, String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        int end = path.charAt(path.length() - 1) == '/' ? path.length() - 1 : path.length();
        RouteMatch match = null;
        if (host != null && !byHost.isEmpty()) {
            ApiNode root = byHost.get(normalise(host));
            if (root != null) {
                match = matchIn(root, method, path, end);
            }
        }
        if (match == null && anyHost != null) {
            match = matchIn(anyHost, method, path, end);
        }
        return match == NO_OPERATION ? null : match;
    }

    private static RouteMatch matchIn(ApiNode root, String method, String path, int end) {
        ApiNode node = root;
        ApiNode best = root.hasApi ? root : null;
        int bestEnd = 0;
        int position = 0;
        while (position < end) {
            int start = position + 1;
            int next = path.indexOf('/', start);
            if (next < 0 || next > end) {
                next = end;
            }
            ApiNode child = node.children.get(path, start, next);
            if (child == null) {
                break;
            }
            node = child;
            position = next;
            if (node.hasApi) {
                best = node;
                bestEnd = next;
            }
        }
        if (best == null) {
            return null;
        }
        if (best.catchAll != null) {
            return new RouteMatch(best.catchAll, upstreamPath(path, bestEnd));
        }
        CompiledRoute route = best.operations.match(method, path, bestEnd, end);
        if (route != null) {
            return new RouteMatch(route, upstreamPath(path, bestEnd));
        }
        if (best.fallback != null) {
            return new RouteMatch(best.fallback, upstreamPath(path, bestEnd));
        }
        RouteMatch refusal = best.operations.hasPath(path, bestEnd, end) ? best.methodNotAllowed : best.notFound;
        return refusal == null ? NO_OPERATION : refusal;
    }

    private static String upstreamPath(String path, int baseEnd) {
        if (baseEnd == 0) {
            return path;
        }
        return baseEnd >= path.length() ? "/" : path.substring(baseEnd);
    }

    static String normalise(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return host.toLowerCase(Locale.ROOT);
            }
        }
        return host;
    }
}
