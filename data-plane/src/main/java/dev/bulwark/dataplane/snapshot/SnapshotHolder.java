package dev.bulwark.dataplane.snapshot;

import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.model.Router;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The snapshot in force. Swapped atomically; readers take it once per request. */
public final class SnapshotHolder {
    private final AtomicReference<CompiledSnapshot> current = new AtomicReference<>();

    public CompiledSnapshot current() {
        return current.get();
    }

    public void swap(CompiledSnapshot next) {
        current.set(next);
    }

    /** No APIs published yet: every request is answered 404 by the gateway itself. */
    public static CompiledSnapshot empty(String environment) {
        Router none = (host, method, path) -> null;
        return new CompiledSnapshot(0, environment, "", none, Map.of(), Map.of(), Map.of());
    }
}
