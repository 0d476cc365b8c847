package dev.bulwark.controlplane.snapshot;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * Sync settings ({@code bulwark.sync.*}).
 *
 * @param environments    environments snapshots are published for
 * @param debounce        how long a publish request waits for more changes to fold into the same version
 * @param recheckInterval how often every environment is recompiled and compared by hash, so a missed
 *                        change event cannot leave data planes stale
 * @param pollInterval    how often this replica looks for versions another replica published
 * @param retainedVersions published versions kept per environment; older data planes get a full snapshot
 * @param allowEmptying   publish a snapshot with nothing in it over one with something (off: refused as a likely fault)
 * @param checkpointEvery a full document is stored at least every this many versions, bounding how many
 *                        deltas a restarted replica replays; the versions in between store only their delta
 */
@Singleton
public record SyncSettings(
        @Value("${bulwark.sync.environments:staging,production}") List<String> environments,
        @Value("${bulwark.sync.debounce:75ms}") Duration debounce,
        @Value("${bulwark.sync.recheck-interval:5s}") Duration recheckInterval,
        @Value("${bulwark.sync.poll-interval:1s}") Duration pollInterval,
        @Value("${bulwark.sync.retained-versions:100}") int retainedVersions,
        @Value("${bulwark.sync.allow-emptying:false}") boolean allowEmptying,
        @Value("${bulwark.sync.checkpoint-every:50}") int checkpointEvery) {
}
