package dev.bulwark.controlplane.sync;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a new snapshot version of an environment when its compiled configuration hashes
 * differently from the latest published one.
 *
 * <p>Triggers: {@link ConfigurationChanged} events and {@link #requestPublish} (debounced, so a
 * burst of changes becomes one version), and a periodic re-check of every environment, so a
 * missed event delays a change by seconds but never loses it. Across control-plane replicas, a
 * PostgreSQL advisory lock per environment serialises publishing: compile, compare and insert all
 * happen under it, so versions stay monotonic and never go back to older content.
 */
@Context
public class SnapshotPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);
    /** First half of the two-int advisory lock key: "bulwark sync publish". */
    private static final int LOCK_NAMESPACE = 0x0b5c0001;

    private final SnapshotSource source;
    private final PublishedSnapshots snapshots;
    private final MigrationGate migrations;
    private final TransactionOperations<Connection> transactions;
    private final DataSource dataSource;
    private final SyncSettings settings;
    private final SyncHub hub;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bulwark-snapshot-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

    SnapshotPublisher(@Nullable SnapshotSource source, PublishedSnapshots snapshots, MigrationGate migrations,
            TransactionOperations<Connection> transactions, DataSource dataSource, SyncSettings settings, SyncHub hub) {
        this.source = source;
        this.snapshots = snapshots;
        this.migrations = migrations;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.settings = settings;
        this.hub = hub;
        if (source == null) {
            LOG.warn("no SnapshotSource bean: snapshots are not published; data planes get the versions already published");
            return;
        }
        long every = settings.recheckInterval().toMillis();
        executor.scheduleWithFixedDelay(this::recheckAll, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener
    void onConfigurationChanged(ConfigurationChanged event) {
        if (event.environment() == null) {
            settings.environments().forEach(this::requestPublish);
        } else {
            requestPublish(event.environment());
        }
    }

    /** Publishes the environment shortly (after the debounce), folding further requests into the same attempt. */
    public void requestPublish(String environment) {
        if (source != null && scheduled.add(environment)) {
            executor.schedule(() -> {
                scheduled.remove(environment);
                publishQuietly(environment);
            }, settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Compiles and, when the content changed, publishes now, on the caller's thread. */
    public PublishOutcome publish(String environment) {
        if (source == null) {
            return new PublishOutcome.Refused(environment, List.of("no snapshot source is configured"));
        }
        int pending = migrations.pending();
        if (pending > 0) {
            return refused(environment, List.of(pending + " database migration(s) pending"));
        }
        PublishOutcome outcome;
        try {
            outcome = transactions.executeWrite(status -> publishLocked(environment));
        } catch (SnapshotRefusedException e) {
            // Thrown out of the transaction, which rolled back: nothing was written.
            outcome = new PublishOutcome.Refused(environment, e.problems());
        }
        if (outcome instanceof PublishOutcome.Published published) {
            LOG.info("snapshot {} version {} published (hash {})", environment, published.version(),
                    published.contentHash().substring(0, 12));
            hub.published(environment);
        } else if (outcome instanceof PublishOutcome.Refused refused) {
            return refused(environment, refused.reasons());
        }
        return outcome;
    }

    private PublishOutcome publishLocked(String environment) throws SQLException {
        lock(environment);
        Snapshot compiled = source.compile(environment);
        if (compiled == null || !environment.equals(compiled.environment())) {
            return new PublishOutcome.Refused(environment, List.of("the compiler returned no snapshot for " + environment));
        }
        List<String> problems = SnapshotValidation.problems(compiled);
        if (!problems.isEmpty()) {
            return new PublishOutcome.Refused(environment, problems);
        }
        String hash = SnapshotHash.of(compiled);
        Optional<PublishedSnapshots.Head> head = snapshots.head(environment);
        if (head.isPresent() && head.get().contentHash().equals(hash)) {
            return new PublishOutcome.Unchanged(environment, head.get().version());
        }
        if (head.isPresent() && isEmpty(compiled) && !settings.allowEmptying()
                && !isEmpty(snapshots.load(environment, head.get().version()).orElseThrow())) {
            // Every API and key of every tenant gone at once is far likelier a fault than a wish.
            return new PublishOutcome.Refused(environment, List.of("the compiled snapshot is empty while version "
                    + head.get().version() + " is not; set bulwark.sync.allow-emptying=true to publish it"));
        }
        long version = head.map(h -> h.version() + 1).orElse(1L);
        Snapshot published = new Snapshot(compiled.schemaVersion(), version, environment, hash, Instant.now(),
                compiled.apis(), compiled.plans(), compiled.applications(), compiled.apiKeys());
        snapshots.insert(published);
        snapshots.prune(environment, settings.retainedVersions());
        return new PublishOutcome.Published(environment, version, hash);
    }

    private static boolean isEmpty(Snapshot snapshot) {
        return snapshot.apis().isEmpty() && snapshot.apiKeys().isEmpty() && snapshot.plans().isEmpty()
                && snapshot.applications().isEmpty();
    }

    private void lock(String environment) throws SQLException {
        try (PreparedStatement statement = dataSource.getConnection().prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            statement.setInt(1, LOCK_NAMESPACE);
            statement.setString(2, environment);
            statement.execute();
        }
    }

    private PublishOutcome.Refused refused(String environment, List<String> reasons) {
        LOG.warn("snapshot {} not published, data planes keep their version: {}", environment, String.join("; ", reasons));
        return new PublishOutcome.Refused(environment, reasons);
    }

    private void recheckAll() {
        settings.environments().forEach(this::publishQuietly);
    }

    private void publishQuietly(String environment) {
        try {
            publish(environment);
        } catch (RuntimeException e) {
            LOG.error("snapshot {} publishing failed; will retry at the next re-check", environment, e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
