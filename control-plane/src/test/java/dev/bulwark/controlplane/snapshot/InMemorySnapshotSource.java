package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.snapshot.Snapshot;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The configuration the sync tests "compile": set directly, as the catalog's compiler would produce it. */
@Singleton
@Requires(property = "spec.name", value = "sync")
@Replaces(CatalogSnapshotSource.class)
public class InMemorySnapshotSource implements SnapshotSource {
    private final Map<String, Snapshot> configurations = new ConcurrentHashMap<>();
    private final Map<String, Integer> failuresToCome = new ConcurrentHashMap<>();
    private final Map<String, Integer> compilations = new ConcurrentHashMap<>();

    public void set(Snapshot snapshot) {
        configurations.put(snapshot.environment(), snapshot);
    }

    /** The next {@code times} compilations of the environment fail, as a database outage would make them. */
    public void failNext(String environment, int times) {
        failuresToCome.put(environment, times);
    }

    public int compilations(String environment) {
        return compilations.getOrDefault(environment, 0);
    }

    @Override
    public synchronized Snapshot compile(String environment) {
        compilations.merge(environment, 1, Integer::sum);
        if (failuresToCome.getOrDefault(environment, 0) > 0) {
            failuresToCome.merge(environment, -1, Integer::sum);
            throw new IllegalStateException("compilation of " + environment + " failed (scripted)");
        }
        // An environment a test has not configured yet has nothing to publish.
        return configurations.get(environment);
    }
}
