package dev.bulwark.contracts.sync;

import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded generator of plausible snapshots and of random edits to them. */
final class RandomSnapshots {
    private final SplittableRandom random;
    private int nextId;

    RandomSnapshots(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Snapshot snapshot(long version) {
        List<ApiEntry> apis = new ArrayList<>();
        for (int i = random.nextInt(0, 6); i > 0; i--) {
            apis.add(api(id("api")));
        }
        List<PlanEntry> plans = new ArrayList<>();
        List<ApplicationEntry> applications = new ArrayList<>();
        List<ApiKeyEntry> keys = new ArrayList<>();
        for (int i = random.nextInt(0, 6); i > 0; i--) {
            plans.add(plan(id("plan")));
        }
        for (int i = random.nextInt(0, 6); i > 0; i--) {
            applications.add(application(id("app")));
        }
        for (int i = random.nextInt(0, 12); i > 0; i--) {
            keys.add(key(id("key")));
        }
        return stamp(version, apis, plans, applications, keys);
    }

    /** A later version of {@code base}: entries added, removed and changed at random. */
    Snapshot edit(Snapshot base) {
        return stamp(base.version() + 1 + random.nextInt(0, 3),
                edit(base.apis(), () -> api(id("api")), entry -> api(entry.apiId())),
                edit(base.plans(), () -> plan(id("plan")), entry -> plan(entry.planId())),
                edit(base.applications(), () -> application(id("app")), entry -> application(entry.applicationId())),
                edit(base.apiKeys(), () -> key(id("key")), entry -> key(entry.keyId())));
    }

    private <T> List<T> edit(List<T> entries, java.util.function.Supplier<T> fresh, java.util.function.UnaryOperator<T> changed) {
        List<T> result = new ArrayList<>();
        for (T entry : entries) {
            int roll = random.nextInt(10);
            if (roll == 0) {
                continue;
            }
            result.add(roll == 1 ? changed.apply(entry) : entry);
        }
        for (int i = random.nextInt(0, 3); i > 0; i--) {
            result.add(fresh.get());
        }
        // The order a compiler emits must not matter to the hash.
        for (int i = result.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = result.get(i);
            result.set(i, result.get(j));
            result.set(j, swap);
        }
        return result;
    }

    private Snapshot stamp(long version, List<ApiEntry> apis, List<PlanEntry> plans, List<ApplicationEntry> applications,
            List<ApiKeyEntry> keys) {
        Snapshot draft = new Snapshot(Snapshot.SCHEMA_VERSION, version, "production", null,
                Instant.ofEpochSecond(1_700_000_000L + version, random.nextInt(1_000_000) * 1000L), apis, plans, applications, keys);
        return SnapshotHash.stamped(draft);
    }

    private ApiEntry api(String apiId) {
        List<OperationEntry> operations = new ArrayList<>();
        for (int i = random.nextInt(1, 4); i > 0; i--) {
            operations.add(new OperationEntry(id("op"), pick("GET", "POST", "DELETE"), "/items/" + text(), List.of(text()),
                    random.nextBoolean() ? List.of() : List.of(policy()), random.nextBoolean() ? null : contract()));
        }
        return new ApiEntry(apiId, tenant(), "API \"" + text() + "\"\n", random.nextBoolean() ? null : text() + ".example.com",
                "/" + text(), List.of("http://127.0.0.1:" + random.nextInt(1024, 65_535)), operations, List.of(policy()), null, null,
                random.nextBoolean() ? null : "{\"Item\":{\"type\":\"object\",\"maxProperties\":" + random.nextInt(1, 9) + "}}");
    }

    /** Schemas with decimals, as real ones have: the canonical form must carry them as text. */
    private OperationContract contract() {
        List<OperationContract.Parameter> parameters = List.of(new OperationContract.Parameter("query", "q" + text(), random.nextBoolean(),
                "form", true, "{\"type\":\"number\",\"multipleOf\":0.01,\"title\":\"" + text().replace("\\", "").replace("\"", "") + "\"}",
                null));
        OperationContract.RequestBody body = random.nextBoolean() ? null : new OperationContract.RequestBody(random.nextBoolean(),
                List.of(new OperationContract.Media("application/json", "{\"$ref\":\"#/$defs/Item\"}")));
        return new OperationContract(parameters, body, List.of(new OperationContract.Response(pick("200", "2XX", "default"),
                List.of(new OperationContract.Media("application/json", random.nextBoolean() ? null : "{}")))));
    }

    private PlanEntry plan(String planId) {
        return new PlanEntry(planId, tenant(), "api-" + random.nextInt(10), List.of(), List.of(policy()));
    }

    private ApplicationEntry application(String applicationId) {
        Map<String, String> plans = new LinkedHashMap<>();
        for (int i = random.nextInt(0, 3); i > 0; i--) {
            plans.put("api-" + random.nextInt(10), "plan-" + random.nextInt(10));
        }
        return new ApplicationEntry(applicationId, tenant(), "app " + text(), plans);
    }

    private ApiKeyEntry key(String keyId) {
        return new ApiKeyEntry(keyId, "bwk_live_" + text(), "digest-" + random.nextLong(), tenant(), "app-" + random.nextInt(10),
                List.of("read", text()), random.nextBoolean() ? null : Instant.ofEpochSecond(1_800_000_000L + random.nextInt(1000)));
    }

    private PolicyConfig policy() {
        return switch (random.nextInt(3)) {
            case 0 -> new RateLimitConfig((long) random.nextInt(1, 1000), 60, null, LimitKey.API_KEY, null, null, null, null, null);
            case 1 -> new TimeoutsConfig(random.nextInt(1, 5000), null, random.nextInt(0, 5));
            default -> new ApiKeyAuthConfig(CredentialLocation.HEADER, "X-Key-" + random.nextInt(100), random.nextBoolean());
        };
    }

    private String tenant() {
        return "tenant-" + random.nextInt(3);
    }

    private String id(String kind) {
        return kind + "-" + (nextId++) + "-" + Long.toHexString(random.nextLong());
    }

    private String text() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzé\u00e9\u4e2d\t\"\\";
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(1, 9); i > 0; i--) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
