package dev.bulwark.dataplane.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.sync.Changes;
import dev.bulwark.contracts.sync.SnapshotChanges;
import dev.bulwark.contracts.sync.SnapshotDiff;
import dev.bulwark.dataplane.TestPolicies;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.model.Router;
import dev.bulwark.dataplane.upstream.UpstreamRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Key and application changes patch the compiled snapshot; the result must equal a full compilation
 * of the same snapshot, over seeded random change sequences shaped like the sync client's (id order,
 * unchanged entries shared).
 */
class SnapshotPatcherTest {
    private static final long RUN_SEED = Long.getLong("bulwark.seed", System.nanoTime());
    private static final Instant AT = Instant.parse("2026-11-28T00:00:00Z");

    private final GatewayCompiler compiler = new GatewayCompiler(TestPolicies.FACTORY, new UpstreamRegistry(5, 1_000));

    @Test
    void patchedSnapshotEqualsAFullCompilation() throws Exception {
        SplittableRandom seeds = new SplittableRandom(RUN_SEED);
        for (int trial = 0; trial < 40; trial++) {
            long seed = seeds.nextLong();
            SplittableRandom random = new SplittableRandom(seed);
            SnapshotHolder holder = new SnapshotHolder();
            SnapshotApplier applier = new SnapshotApplier(holder, compiler, new SimpleMeterRegistry());
            IndexedSnapshot state = IndexedSnapshot.of(base(random.nextInt(0, 50)));
            applier.apply(state.snapshot(), "test");
            Router router = holder.current().router();
            for (int step = 0; step < 10; step++) {
                String context = "seed " + seed + " step " + step + " (rerun with -Dbulwark.seed=" + RUN_SEED + ")";
                state = SnapshotDiff.replay(state, randomChanges(random, state), state.version() + 1, AT);
                CompiledSnapshot patched = applier.apply(state.snapshot(), "test");
                CompiledSnapshot full = compiler.compile(state.snapshot());
                assertThat(patched.router()).as(context + ": routes are reused").isSameAs(router);
                assertThat(patched.apiKeysByLookupId()).as(context).isEqualTo(full.apiKeysByLookupId());
                assertThat(patched.applications()).as(context).isEqualTo(full.applications());
                assertThat(patched.plans().keySet()).as(context).isEqualTo(full.plans().keySet());
                assertThat(patched.version()).isEqualTo(state.version());
                assertThat(holder.current()).isSameAs(patched);
            }
        }
    }

    @Test
    void anApiChangeIsCompiledInFull() throws Exception {
        SnapshotHolder holder = new SnapshotHolder();
        SnapshotApplier applier = new SnapshotApplier(holder, compiler, new SimpleMeterRegistry());
        IndexedSnapshot state = IndexedSnapshot.of(base(3));
        applier.apply(state.snapshot(), "test");
        Router before = holder.current().router();
        ApiEntry moved = api("api-2", "/moved");
        state = SnapshotDiff.replay(state, new SnapshotChanges(new Changes<>(List.of(moved), List.of()), null, null, null), 2, AT);
        applier.apply(state.snapshot(), "test");
        assertThat(holder.current().router()).isNotSameAs(before);
        assertThat(holder.current().router().match(null, "GET", "/moved/items")).isNotNull();
    }

    @Test
    void anInconsistentPatchIsRefusedAndTheSnapshotInForceKeepsServing() throws Exception {
        SnapshotHolder holder = new SnapshotHolder();
        SnapshotApplier applier = new SnapshotApplier(holder, compiler, new SimpleMeterRegistry());
        IndexedSnapshot state = IndexedSnapshot.of(base(3));
        CompiledSnapshot inForce = applier.apply(state.snapshot(), "test");
        ApiKeyEntry orphan = new ApiKeyEntry("key-x", "bwk_live_orphan00", "d", "t", "app-nowhere", List.of(), null);
        ApiKeyEntry clash = new ApiKeyEntry("key-y", state.apiKeys().entries().get(0).lookupId(), "d", "t", "app-0", List.of(), null);
        for (SnapshotChanges bad : List.of(
                new SnapshotChanges(null, null, null, new Changes<>(List.of(orphan), List.of())),
                new SnapshotChanges(null, null, null, new Changes<>(List.of(clash), List.of())),
                new SnapshotChanges(null, null, new Changes<>(List.of(), List.of(state.apiKeys().entries().get(0).applicationId())),
                        null))) {
            IndexedSnapshot next = SnapshotDiff.replay(state, bad, 2, AT);
            assertThatThrownBy(() -> applier.apply(next.snapshot(), "test")).isInstanceOf(InvalidSnapshotException.class)
                    .hasMessageContaining("apiKeys[");
            assertThat(holder.current()).isSameAs(inForce);
        }
    }

    private static SnapshotChanges randomChanges(SplittableRandom random, IndexedSnapshot state) {
        List<ApplicationEntry> appUpserts = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            appUpserts.add(new ApplicationEntry("app-" + random.nextInt(3), "tenant-1", "renamed " + random.nextInt(),
                    Map.of("api-1", "plan-1")));
        }
        List<ApiKeyEntry> keyUpserts = new ArrayList<>();
        List<String> keyRemovals = new ArrayList<>();
        List<ApiKeyEntry> existing = state.apiKeys().entries();
        for (int i = random.nextInt(0, 4); i > 0; i--) {
            keyUpserts.add(key("key-new-" + random.nextLong(), random));
        }
        if (!existing.isEmpty() && random.nextBoolean()) {
            ApiKeyEntry changed = existing.get(random.nextInt(existing.size()));
            keyUpserts.add(new ApiKeyEntry(changed.keyId(), changed.lookupId() + "x", changed.digest(), changed.tenantId(),
                    changed.applicationId(), List.of("scope-" + random.nextInt(5)), changed.expiresAt()));
        }
        if (!existing.isEmpty() && random.nextBoolean()) {
            String removed = existing.get(random.nextInt(existing.size())).keyId();
            if (keyUpserts.stream().noneMatch(key -> key.keyId().equals(removed))) {
                keyRemovals.add(removed);
            }
        }
        return new SnapshotChanges(null, null, new Changes<>(appUpserts, List.of()), new Changes<>(keyUpserts, keyRemovals));
    }

    private static Snapshot base(int keys) {
        SplittableRandom random = new SplittableRandom(keys);
        List<ApiKeyEntry> entries = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            entries.add(key("key-" + i, random));
        }
        List<ApplicationEntry> applications = List.of(
                new ApplicationEntry("app-0", "tenant-1", "zero", Map.of("api-1", "plan-1")),
                new ApplicationEntry("app-1", "tenant-1", "one", Map.of("api-1", "plan-1")),
                new ApplicationEntry("app-2", "tenant-1", "two", Map.of()));
        return new Snapshot(Snapshot.SCHEMA_VERSION, 1, "test", null, AT, List.of(api("api-1", "/one"), api("api-2", "/two")),
                List.of(new PlanEntry("plan-1", "tenant-1", "api-1", List.of(), List.of())), applications, entries);
    }

    private static ApiEntry api(String apiId, String basePath) {
        return new ApiEntry(apiId, "tenant-1", apiId, null, basePath, List.of("http://127.0.0.1:9"),
                List.of(new OperationEntry("list-" + apiId, "GET", "/items", List.of(), List.of())), List.of());
    }

    private static ApiKeyEntry key(String keyId, SplittableRandom random) {
        return new ApiKeyEntry(keyId, "bwk_live_" + Long.toHexString(random.nextLong()), "digest-" + random.nextInt(),
                "tenant-1", "app-" + random.nextInt(3), List.of(), null);
    }
}
