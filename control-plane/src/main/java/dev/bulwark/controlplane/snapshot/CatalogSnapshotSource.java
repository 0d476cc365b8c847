package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.controlplane.kernel.Environment;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Binds the publisher to the catalog's compiler. The publisher restamps what it returns with its
 * own version and {@code SnapshotHash} (the one canonical hash both planes verify).
 */
@Singleton
public class CatalogSnapshotSource implements SnapshotSource {
    private final SnapshotCompiler compiler;

    CatalogSnapshotSource(SnapshotCompiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public Snapshot compile(String environment) {
        Environment stage;
        try {
            stage = Environment.fromWire(environment);
        } catch (IllegalArgumentException e) {
            throw new SnapshotRefusedException(List.of("environment " + environment + " is not one the catalog knows"));
        }
        return compiler.compileContent(stage);
    }
}
