package dev.bulwark.controlplane.securitytest;

import dev.bulwark.securitytesting.scan.ScanReport;
import dev.bulwark.securitytesting.scan.Scanner;
import dev.bulwark.securitytesting.scan.model.RunLog;
import dev.bulwark.securitytesting.scan.model.ScanControl;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued scans on a small pool of its own threads, never on a request thread: at most
 * {@code bulwark.scans.concurrency} at once on this replica, each claimed from the shared queue by
 * exactly one replica. Polled every few seconds (schedules, cancellations) and nudged when a
 * member asks for a run.
 */
@Singleton
class ScanWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ScanWorker.class);
    private static final java.time.Duration KEY_PROPAGATION = java.time.Duration.ofSeconds(20);

    private final ScanJobs jobs;
    private final ScanWorkerSettings settings;
    private final ExecutorService pool;
    private final ExecutorService nudges;
    private final Map<UUID, ScanControl> running = new ConcurrentHashMap<>();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicInteger active = new AtomicInteger();
    private final Counter finished;
    private final Counter failed;

    ScanWorker(ScanJobs jobs, ScanWorkerSettings settings, MeterRegistry meters) {
        this.jobs = jobs;
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), task -> {
            Thread thread = new Thread(task, "scan-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.nudges = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "scan-queue");
            thread.setDaemon(true);
            return thread;
        });
        this.finished = meters.counter("bulwark_scans_finished_total");
        this.failed = meters.counter("bulwark_scans_failed_total");
        meters.gauge("bulwark_scans_running", active);
    }

    /** Asks for a look at the queue soon, off the caller's thread. */
    void nudge() {
        if (settings.enabled()) {
            try {
                nudges.execute(this::tick);
            } catch (RejectedExecutionException e) {
                LOG.debug("scan queue closed");
            }
        }
    }

    /** Cancels a run this replica is running (another replica's run notices the flag at its next poll). */
    void cancelLocal(UUID runId) {
        ScanControl control = running.get(runId);
        if (control != null) {
            control.cancel();
        }
    }

    @Scheduled(fixedDelay = "${bulwark.scans.poll:5s}", initialDelay = "10s")
    void tick() {
        if (!settings.enabled() || !ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            for (UUID runId : List.copyOf(running.keySet())) {
                if (jobs.cancelRequested(runId)) {
                    cancelLocal(runId);
                }
            }
            for (ScanRunStore.Claimed claimed : jobs.claim(settings.concurrency() - active.get())) {
                active.incrementAndGet();
                running.put(claimed.id(), new ScanControl());
                pool.execute(() -> run(claimed));
            }
        } catch (RuntimeException e) {
            LOG.warn("scan queue poll failed: {}", e.getClass().getSimpleName());
        } finally {
            ticking.set(false);
        }
    }

    private void run(ScanRunStore.Claimed claimed) {
        try {
            ScanJobs.Prepared prepared = jobs.prepare(claimed);
            if (!KeyPropagation.await(prepared.target(), running.get(claimed.id()), KEY_PROPAGATION)) {
                LOG.info("scan {} of API {}: the gateway still refuses a test consumer, scanning anyway", claimed.id(), claimed.apiId());
            }
            Scanner scanner = Scanner.withDefaultChecks(prepared.attacks());
            ScanReport report = scanner.scan(prepared.target(), prepared.settings(), running.get(claimed.id()),
                    new RunLog(Clock.systemUTC(), entry -> { }));
            jobs.finish(prepared, report);
            finished.increment();
            LOG.info("scan {} of API {} finished: {} finding(s)", claimed.id(), claimed.apiId(), report.findings().size());
        } catch (ScanJobs.NotScannable e) {
            failed.increment();
            jobs.fail(claimed, e.getMessage());
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("scan {} of API {} failed: {}", claimed.id(), claimed.apiId(), e.getClass().getSimpleName());
            jobs.fail(claimed, "the scan failed unexpectedly");
        } finally {
            release(claimed);
            running.remove(claimed.id());
            active.decrementAndGet();
            nudge();
        }
    }

    /** The run's test consumer keys never outlive it, however it ended (the sweep catches a replica that died). */
    private void release(ScanRunStore.Claimed claimed) {
        try {
            jobs.release(claimed);
        } catch (RuntimeException e) {
            LOG.warn("scan {}: revoking its test consumer keys failed ({}); the sweep will retry", claimed.id(),
                    e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void close() {
        running.values().forEach(ScanControl::cancel);
        nudges.shutdownNow();
        pool.shutdownNow();
    }
}
