package dev.bulwark.controlplane.snapshot;

import java.util.List;

/** What one publishing attempt did. */
public sealed interface PublishOutcome {
    /** A new version is published. */
    record Published(String environment, long version, String contentHash) implements PublishOutcome {
    }

    /** The configuration hashes like the latest version: nothing to publish. */
    record Unchanged(String environment, long version) implements PublishOutcome {
    }

    /** Nothing was published; data planes keep the version they have. */
    record Refused(String environment, List<String> reasons) implements PublishOutcome {
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }
}
