package dev.bulwark.dataplane.bench;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.model.Router;
import dev.bulwark.dataplane.routing.RouterBuilder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing with 10,000 operations: 200 APIs (base paths /api-N/v1, a quarter of them bound to a
 * host) of 50 operations each, mixing literal and variable segments. Run with
 * {@code data-plane/bench/run-jmh.sh RouterBenchmark}; never part of {@code mvn verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {
    static final int APIS = 200;
    static final int OPERATIONS = 50;

    Router router;
    String[] paths;
    String[] hosts;
    String[] methods;
    String[] probes;
    int next;

    @Setup
    public void build() {
        RouterBuilder builder = new RouterBuilder();
        for (int a = 0; a < APIS; a++) {
            String host = a % 4 == 0 ? "tenant" + a + ".example.com" : null;
            ApiEntry api = new ApiEntry("api-" + a, "t", "api", host, "/api-" + a + "/v1", List.of("http://127.0.0.1:1"), List.of(), List.of());
            builder.api(host, api.basePath(), null);
            for (int o = 0; o < OPERATIONS; o++) {
                String template = template(o);
                String method = o % 3 == 0 ? "POST" : "GET";
                builder.operation(method, template, new CompiledRoute(api, new OperationEntry("op" + o, method, template, List.of(), List.of()), List.of()));
            }
        }
        router = builder.build();
        SplittableRandom random = new SplittableRandom(42);
        paths = new String[1024];
        hosts = new String[1024];
        methods = new String[1024];
        for (int i = 0; i < paths.length; i++) {
            int a = random.nextInt(APIS);
            int o = random.nextInt(OPERATIONS);
            hosts[i] = a % 4 == 0 ? "tenant" + a + ".example.com" : "gateway.example.com";
            paths[i] = "/api-" + a + "/v1" + template(o).replace("{id}", Integer.toString(random.nextInt(1_000_000)))
                    .replace("{sub}", "x" + random.nextInt(100));
            methods[i] = o % 3 == 0 ? "POST" : "GET";
        }
        probes = new String[paths.length];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = paths[i].substring(0, paths[i].indexOf("/v1/") + 3) + "/internal/users/" + random.nextInt(1_000_000);
        }
    }

    private static String template(int o) {
        return switch (o % 4) {
            case 0 -> "/resource" + o;
            case 1 -> "/resource" + o + "/{id}";
            case 2 -> "/resource" + o + "/{id}/items/{sub}";
            default -> "/resource" + o + "/{id}/items";
        };
    }

    @Benchmark
    public RouteMatch match() {
        int i = next++ & 1023;
        return router.match(hosts[i], methods[i], paths[i]);
    }

    @Benchmark
    public RouteMatch miss() {
        int i = next++ & 1023;
        return router.match(hosts[i], "DELETE", paths[i]);
    }

    /** A path under an API's base path that no operation declares (404 under a known API). */
    @Benchmark
    public RouteMatch probe() {
        int i = next++ & 1023;
        return router.match(hosts[i], "GET", probes[i]);
    }
}
