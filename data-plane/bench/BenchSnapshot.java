// BenchSnapshot.java - writes the snapshot of a gateway benchmark scenario; run as a single-file
// program against the gateway jar (nothing is built):
//   java -cp data-plane/target/bulwark-data-plane.jar BenchSnapshot.java <c|d|e|f> <upstreamPort> <out.json> <pepperBase64>
// Prints the API key wrk must send (scenarios d, e and f) on stdout. Keys are real bwk_test_ keys:
// the gateway looks keys up by ApiKeys.lookupId and checks the HMAC digest, exactly as in production.
import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.ContractValidationConfig;
import dev.bulwark.contracts.policy.ThreatProtectionConfig;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

public class BenchSnapshot {
    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        String upstream = "http://127.0.0.1:" + Integer.parseInt(args[1]);
        // the bench upstream is on loopback: the gateway connects to it only when the entry allows it
        List<String> loopback = List.of("127.0.0.0/8");
        Path out = Path.of(args[2]);
        ApiKeyDigester digester = new ApiKeyDigester(Base64.getDecoder().decode(args[3]));
        List<PolicyConfig> policies = new ArrayList<>(scenario.equals("c") ? List.of() : List.of(
                new ApiKeyAuthConfig(CredentialLocation.HEADER, "X-API-Key", true),
                // distributed (Redis) limit far above what one machine can send: never trips
                new RateLimitConfig(1_000_000_000L, 1, null, null, null, null, null, null, false)));
        List<OperationEntry> benchOperations = new ArrayList<>();
        if (scenario.equals("f")) {
            // contract enforcement (positive model) and injection protection at their defaults, on the
            // operation wrk calls: GET /bench/items/42?verbose=true (GATEWAY_PATH of the script)
            policies.add(ContractValidationConfig.defaults());
            policies.add(new ThreatProtectionConfig(null, null, null, null, null));
            benchOperations.add(new OperationEntry("getItem", "GET", "/items/{id}", List.of(), List.of(), new OperationContract(List.of(
                    new OperationContract.Parameter("path", "id", true, "simple", false, "{\"type\":\"integer\",\"minimum\":1}", null),
                    new OperationContract.Parameter("query", "verbose", false, "form", true, "{\"type\":\"boolean\"}", null)),
                    null, List.of())));
        }
        List<ApiEntry> apis = new ArrayList<>();
        List<PlanEntry> plans = new ArrayList<>();
        List<ApplicationEntry> applications = new ArrayList<>();
        List<ApiKeyEntry> keys = new ArrayList<>();
        apis.add(new ApiEntry("bench", "tenant-bench", "bench", null, "/bench", List.of(upstream), benchOperations, policies, loopback));
        int routeApis = scenario.equals("e") ? 100 : 0;
        for (int a = 0; a < routeApis; a++) {
            // 100 APIs x 100 operations = 10,000 routes besides /bench
            List<OperationEntry> operations = new ArrayList<>();
            for (int o = 0; o < 100; o++) {
                String template = o % 2 == 0 ? "/items" + o + "/{id}" : "/items" + o;
                operations.add(new OperationEntry("op-" + a + "-" + o, o % 3 == 0 ? "POST" : "GET", template, List.of(), List.of()));
            }
            apis.add(new ApiEntry("api-" + a, "tenant-" + (a % 10), "api " + a, null, "/svc-" + a + "/v1", List.of(upstream), operations, policies, loopback));
        }
        String benchKey = null;
        if (!scenario.equals("c")) {
            int keyCount = scenario.equals("e") ? 100_000 : 100;
            int applicationCount = scenario.equals("e") ? 1_000 : 1;
            plans.add(new PlanEntry("plan-bench", "tenant-bench", "bench", List.of(), List.of()));
            for (int app = 0; app < applicationCount; app++) {
                applications.add(new ApplicationEntry("app-" + app, "tenant-bench", "app " + app, Map.of("bench", "plan-bench")));
            }
            for (int k = 0; k < keyCount; k++) {
                String key = ApiKeys.generate(KeyEnvironment.TEST);
                if (k == 0) {
                    benchKey = key;
                }
                keys.add(new ApiKeyEntry("key-" + k, ApiKeys.lookupId(key), digester.digest(key), "tenant-bench",
                        "app-" + (k % applicationCount), List.of(), null));
            }
        }
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 1, "bench", "bench-" + scenario, Instant.now(), apis, plans,
                applications, keys);
        Files.write(out, SnapshotJson.write(snapshot));
        System.out.println(benchKey == null ? "perf-key-0001" : benchKey);
    }
}
