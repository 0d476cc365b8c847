package dev.bulwark.controlplane.snapshot;

import java.util.List;

/** Thrown by a {@link SnapshotSource} whose configuration must not reach any gateway; nothing is published. */
public class SnapshotRefusedException extends RuntimeException {
    private final List<String> problems;

    public SnapshotRefusedException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
