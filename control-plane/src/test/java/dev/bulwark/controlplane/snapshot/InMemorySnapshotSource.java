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

    public void set(Snapshot snapshot) {
        configurations.put(snapshot.environment(), snapshot);
    }

    @Override
    public Snapshot compile(String environment) {
        // An environment a test has not configured yet has nothing to publish.
        return configurations.get(environment);
    }
}
