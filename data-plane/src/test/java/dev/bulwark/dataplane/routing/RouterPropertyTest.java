package dev.bulwark.dataplane.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.model.Router;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Random route sets against a brute-force reference matcher that states the routing rules
 * directly. The seed of a failing repetition is in the assertion message.
 */
class RouterPropertyTest {
    private static final String[] LITERALS = {"a", "b", "c", "v1"};
    private static final String[] METHODS = {"GET", "POST", "HEAD", "DELETE"};
    private static final String[] HOSTS = {null, "h1.test", "h2.test"};

    record Op(String method, List<String> template, CompiledRoute route) {
    }

    record Api(String host, List<String> base, CompiledRoute catchAll, List<Op> ops) {
    }

    @RepeatedTest(200)
    void trieAgreesWithTheReference(RepetitionInfo repetition) {
        long seed = 0x5eedL * 7919 + repetition.getCurrentRepetition();
        SplittableRandom random = new SplittableRandom(seed);
        List<Api> apis = randomApis(random);
        RouterBuilder builder = new RouterBuilder();
        for (Api api : apis) {
            builder.api(api.host(), "/" + String.join("/", api.base()), api.catchAll());
            for (Op op : api.ops()) {
                builder.operation(op.method(), "/" + String.join("/", op.template()), op.route());
            }
        }
        Router router = builder.build();
        for (int i = 0; i < 300; i++) {
            String host = random.nextInt(4) == 0 ? "H1.TEST" : HOSTS[random.nextInt(HOSTS.length)];
            String method = METHODS[random.nextInt(METHODS.length)];
            String path = randomPath(random);
            assertThat(describe(router.match(host, method, path)))
                    .as("seed %d: %s %s %s", seed, host, method, path)
                    .isEqualTo(describe(reference(apis, host, method, path)));
        }
    }

    private static List<Api> randomApis(SplittableRandom random) {
        List<Api> apis = new ArrayList<>();
        Set<String> bases = new HashSet<>();
        int count = 1 + random.nextInt(6);
        int id = 0;
        for (int i = 0; i < count; i++) {
            String host = HOSTS[random.nextInt(HOSTS.length)];
            List<String> base = randomSegments(random, 2, false);
            if (!bases.add(host + "/" + base)) {
                continue;
            }
            ApiEntry entry = new ApiEntry("api" + i, "t", "api" + i, host, "/", List.of("http://127.0.0.1:1"), List.of(), List.of());
            if (random.nextInt(4) == 0) {
                apis.add(new Api(host, base, new CompiledRoute(entry, null, List.of()), List.of()));
                continue;
            }
            List<Op> ops = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            int opCount = random.nextInt(8);
            for (int o = 0; o < opCount; o++) {
                String method = METHODS[random.nextInt(METHODS.length)];
                List<String> template = randomSegments(random, 3, true);
                String key = method + " " + template.stream().map(s -> s.startsWith("{") ? "{}" : s).toList();
                if (keys.add(key)) {
                    OperationEntry operation = new OperationEntry("op" + id++, method, "/" + String.join("/", template), List.of(), List.of());
                    ops.add(new Op(method, template, new CompiledRoute(entry, operation, List.of())));
                }
            }
            apis.add(new Api(host, base, null, ops));
        }
        return apis;
    }

    private static List<String> randomSegments(SplittableRandom random, int maxDepth, boolean variables) {
        int depth = random.nextInt(maxDepth + 1);
        List<String> segments = new ArrayList<>();
        for (int d = 0; d < depth; d++) {
            segments.add(variables && random.nextInt(3) == 0 ? "{p" + d + "}" : LITERALS[random.nextInt(LITERALS.length)]);
        }
        return segments;
    }

    private static String randomPath(SplittableRandom random) {
        int depth = random.nextInt(6);
        StringBuilder path = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            int pick = random.nextInt(LITERALS.length + 2);
            path.append('/').append(pick < LITERALS.length ? LITERALS[pick] : pick == LITERALS.length ? "zz" : "");
        }
        if (path.isEmpty() || random.nextInt(5) == 0) {
            path.append('/');
        }
        return path.toString();
    }

    // ---------------------------------------------------------------- the reference

    static RouteMatch reference(List<Api> apis, String host, String method, String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<String> segments = trimmed.isEmpty() ? List.of() : List.of(trimmed.substring(1).split("/", -1));
        String lowerHost = host == null ? null : host.toLowerCase(Locale.ROOT);
        for (boolean exact : new boolean[] {true, false}) {
            Api best = null;
            for (Api api : apis) {
                boolean hostMatches = exact ? api.host() != null && api.host().equals(lowerHost) : api.host() == null;
                if (hostMatches && isPrefix(api.base(), segments) && (best == null || api.base().size() > best.base().size())) {
                    best = api;
                }
            }
            if (best == null) {
                continue;
            }
            String base = "/" + String.join("/", best.base());
            String upstream = best.base().isEmpty() ? path : path.length() == base.length() ? "/" : path.substring(base.length());
            if (best.catchAll() != null) {
                return new RouteMatch(best.catchAll(), upstream);
            }
            if (best.ops().isEmpty()) {
                return null; // owns the path, but without a route the API is unknown: as if none covered it
            }
            List<String> rest = segments.subList(best.base().size(), segments.size());
            Op chosen = null;
            boolean pathExists = false;
            for (Op op : best.ops()) {
                if (!templateMatches(op.template(), rest)) {
                    continue;
                }
                pathExists = true;
                boolean methodOk = op.method().equals(method) || (method.equals("HEAD") && op.method().equals("GET"));
                if (methodOk && (chosen == null || better(op, chosen, method))) {
                    chosen = op;
                }
            }
            if (chosen != null) {
                return new RouteMatch(chosen.route(), upstream);
            }
            return RouteMatch.refused(best.ops().getFirst().route().api(), base, pathExists ? 405 : 404);
        }
        return null;
    }

    private static boolean isPrefix(List<String> base, List<String> segments) {
        return base.size() <= segments.size() && segments.subList(0, base.size()).equals(base);
    }

    private static boolean templateMatches(List<String> template, List<String> rest) {
        if (template.size() != rest.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") ? rest.get(i).isEmpty() : !t.equals(rest.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Literal before variable at the first differing position; on the same template, the exact method. */
    private static boolean better(Op candidate, Op current, String method) {
        for (int i = 0; i < candidate.template().size(); i++) {
            boolean candidateVariable = candidate.template().get(i).startsWith("{");
            boolean currentVariable = current.template().get(i).startsWith("{");
            if (candidateVariable != currentVariable) {
                return !candidateVariable;
            }
        }
        return candidate.method().equals(method);
    }

    private static String describe(RouteMatch match) {
        if (match == null) {
            return "404";
        }
        if (match.refused()) {
            RouteMatch.Refusal refusal = match.refusal();
            return refusal.status() + " refused by " + refusal.api().apiId() + " at " + refusal.basePath();
        }
        return match.route().api().apiId() + ":" + match.route().label() + " -> " + match.upstreamPath();
    }
}
