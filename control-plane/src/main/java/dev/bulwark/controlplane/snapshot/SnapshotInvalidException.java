package dev.bulwark.controlplane.snapshot;

import java.util.List;

/** The database holds configuration no gateway should receive; the previous snapshot stays in force. */
public class SnapshotInvalidException extends RuntimeException {
    private final List<String> problems;

    public SnapshotInvalidException(List<String> problems) {
        super("snapshot refused: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
