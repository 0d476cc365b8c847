package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.controlplane.api.Environment;
import dev.bulwark.controlplane.sync.SnapshotSource;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Binds the sync publisher's seam to the catalog's compiler: what an environment's gateways need, now. */
@Singleton
// The sync module's own tests (spec.name=sync) bring an in-memory source instead.
@Requires(property = "spec.name", notEquals = "sync")
public class CatalogSnapshotSource implements SnapshotSource {
    private final SnapshotCompiler compiler;

    public CatalogSnapshotSource(SnapshotCompiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public Snapshot compile(String environment) {
        return compiler.compile(Environment.fromWire(environment));
    }
}
