package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotRules;
import dev.bulwark.contracts.sync.SnapshotChanges;
import dev.bulwark.contracts.sync.SnapshotDelta;
import dev.bulwark.contracts.sync.SnapshotDeltaException;
import dev.bulwark.contracts.sync.SnapshotDiff;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
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
 *
 * <p>Each version is stored as its delta from the previous one (computed against the indexed head
 * kept by {@link SnapshotHistory}), with a full checkpoint written off this thread every
 * {@code bulwark.sync.checkpoint-every} versions.
 * <p>Hand SQL: a per-environment advisory lock serialises publishing across replicas.
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
    private final List<PublicationListener> listeners;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bulwark-snapshot-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService checkpoints = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bulwark-snapshot-checkpoint");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    /** Consecutive failed attempts per environment, for the retry backoff. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final SnapshotHistory history;

    SnapshotPublisher(@Nullable SnapshotSource source, PublishedSnapshots snapshots, MigrationGate migrations,
            TransactionOperations<Connection> transactions, DataSource dataSource, SyncSettings settings, List<PublicationListener> listeners,
            SnapshotHistory history) {
        this.source = source;
        this.history = history;
        this.snapshots = snapshots;
        this.migrations = migrations;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
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
        Attempt attempt;
        try {
            attempt = transactions.executeWrite(status -> publishLocked(environment));
        } catch (SnapshotRefusedException e) {
            // Thrown out of the transaction, which rolled back: nothing was written.
            attempt = new Attempt(new PublishOutcome.Refused(environment, e.problems()), null, null, false);
        }
        PublishOutcome outcome = attempt.outcome();
        if (outcome instanceof PublishOutcome.Published published) {
            // Committed: only now may this replica's memory (and so its data planes) move on.
            history.published(environment, attempt.state(), attempt.delta(), attempt.checkpoint());
            LOG.info("snapshot {} version {} published (hash {}, {}{})", environment, published.version(),
                    published.contentHash().substring(0, 12), attempt.delta() == null ? "full checkpoint"
                            : "delta of " + attempt.delta().changes().size() + " change(s)", attempt.timings());
            listeners.forEach(listener -> listener.published(environment));
            if (!attempt.checkpoint() && history.checkpointDue(environment, published.version())) {
                IndexedSnapshot state = attempt.state();
                checkpoints.execute(() -> checkpoint(state));
            }
        } else if (outcome instanceof PublishOutcome.Refused refused) {
            return refused(environment, refused.reasons());
        }
        return outcome;
    }

    /** What one attempt decided; {@code state} and {@code delta} are set when it published. */
    private record Attempt(PublishOutcome outcome, IndexedSnapshot state, SnapshotDelta delta, boolean checkpoint, String timings) {
        Attempt(PublishOutcome outcome, IndexedSnapshot state, SnapshotDelta delta, boolean checkpoint) {
            this(outcome, state, delta, checkpoint, "");
        }
    }

    private Attempt publishLocked(String environment) throws SQLException {
        lock(environment);
        long started = System.nanoTime();
        Snapshot compiled = source.compile(environment);
        long compiledAt = System.nanoTime();
        if (compiled == null || !environment.equals(compiled.environment())) {
            return refusedAttempt(environment, List.of("the compiler returned no snapshot for " + environment));
        }
        if (compiled.schemaVersion() != Snapshot.SCHEMA_VERSION) {
            return refusedAttempt(environment, List.of("the compiler returned schema version " + compiled.schemaVersion()
                    + ", this build publishes " + Snapshot.SCHEMA_VERSION));
        }
        List<String> problems = SnapshotRules.contentProblems(compiled);
        if (!problems.isEmpty()) {
            return refusedAttempt(environment, problems);
        }
        Optional<PublishedSnapshots.Head> head = snapshots.head(environment);
        Optional<IndexedSnapshot> current = head.isEmpty() ? Optional.empty() : history.at(environment, head.get());
        long version = head.map(h -> h.version() + 1).orElse(1L);
        Instant now = Instant.now();
        if (current.isPresent()) {
            // Diff by id and record equality, then hash only what changed: O(change) plus one lookup per entry.
            SnapshotChanges changes = SnapshotDiff.changes(current.get(), compiled);
            if (changes.isEmpty()) {
                return new Attempt(new PublishOutcome.Unchanged(environment, head.get().version()), null, null, false);
            }
            if (isEmpty(compiled) && !settings.allowEmptying() && !current.get().isEmpty()) {
                return refusedAttempt(environment, List.of(emptyingRefused(head.get().version())));
            }
            IndexedSnapshot next;
            try {
                next = SnapshotDiff.replay(current.get(), changes, version, now);
            } catch (SnapshotDeltaException e) {
                throw new IllegalStateException("changes computed from the head do not replay on it: " + e.getMessage(), e);
            }
            SnapshotDelta delta = new SnapshotDelta(environment, Snapshot.SCHEMA_VERSION, head.get().version(),
                    head.get().contentHash(), version, next.contentHash(), now, changes);
            long diffedAt = System.nanoTime();
            snapshots.insert(environment, version, next.contentHash(), now, delta, null);
            snapshots.prune(environment, settings.retainedVersions());
            return new Attempt(new PublishOutcome.Published(environment, version, next.contentHash()), next, delta, false,
                    timings(started, compiledAt, diffedAt));
        }
        // Nothing of this schema to continue from (first publication, or history of an older release):
        // a new chain starts with a full checkpoint.
        if (head.isPresent() && isEmpty(compiled) && !settings.allowEmptying()) {
            return refusedAttempt(environment, List.of(emptyingRefused(head.get().version())));
        }
        IndexedSnapshot next = IndexedSnapshot.of(compiled).as(version, now);
        long diffedAt = System.nanoTime();
        snapshots.insert(environment, version, next.contentHash(), now, null, next.snapshot());
        snapshots.prune(environment, settings.retainedVersions());
        return new Attempt(new PublishOutcome.Published(environment, version, next.contentHash()), next, null, true,
                timings(started, compiledAt, diffedAt));
    }

    /** Off the publishing thread: serialising a large snapshot must not delay the next version. */
    private void checkpoint(IndexedSnapshot state) {
        try {
            long started = System.nanoTime();
            // Rows older than a checkpoint become prunable only once it exists; pruning here, not only at the
            // next publication, keeps history bounded when publications stop right after a checkpoint.
            boolean stored = transactions.executeWrite(status -> snapshots.checkpoint(state.snapshot())
                    && snapshots.prune(state.environment(), settings.retainedVersions()) >= 0);
            if (stored) {
                history.checkpointed(state.environment(), state.version());
                LOG.info("snapshot {} version {} stored as a checkpoint in {} ms", state.environment(), state.version(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.warn("checkpoint of snapshot {} version {} failed; a later version will be tried: {}", state.environment(),
                    state.version(), e.toString());
        }
    }

    /** Where a publication's time went, for the log line (propagation benchmarks read it). */
    private static String timings(long started, long compiledAt, long diffedAt) {
        long now = System.nanoTime();
        return "; compile " + (compiledAt - started) / 1_000_000 + " ms, diff+hash " + (diffedAt - compiledAt) / 1_000_000
                + " ms, store " + (now - diffedAt) / 1_000_000 + " ms";
    }

    private static String emptyingRefused(long headVersion) {
        // Every API and key of every tenant gone at once is far likelier a fault than a wish.
        return "the compiled snapshot is empty while version " + headVersion + " is not; set bulwark.sync.allow-emptying=true to publish it";
    }

    private static Attempt refusedAttempt(String environment, List<String> reasons) {
        return new Attempt(new PublishOutcome.Refused(environment, reasons), null, null, false);
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
            failures.remove(environment);
        } catch (RuntimeException e) {
            retryAfterFailure(environment, e);
        }
    }

    /**
     * A failed attempt (database unreachable, lock or statement timeout) is retried with backoff, from
     * half a second up to the re-check interval: the change it carried must not wait for a re-check
     * that may be configured far apart.
     */
    private void retryAfterFailure(String environment, RuntimeException error) {
        int failed = failures.merge(environment, 1, Integer::sum);
        long delay = Math.min(settings.recheckInterval().toMillis(), 500L << Math.min(failed - 1, 10));
        if (failed == 1) {
            LOG.error("snapshot {} publishing failed; retrying in {} ms", environment, delay, error);
        } else {
            LOG.error("snapshot {} publishing failed again ({} attempts); retrying in {} ms: {}", environment, failed, delay,
                    error.toString());
        }
        if (!executor.isShutdown() && scheduled.add(environment)) {
            executor.schedule(() -> {
                scheduled.remove(environment);
                publishQuietly(environment);
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        checkpoints.shutdownNow();
    }
}
