package dev.bulwark.dataplane.snapshot;

import java.util.List;

/** A snapshot the gateway refuses; the one in force keeps serving. Lists every problem found. */
public final class InvalidSnapshotException extends Exception {
    private final List<String> problems;

    public InvalidSnapshotException(List<String> problems) {
        super("snapshot refused: " + String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
