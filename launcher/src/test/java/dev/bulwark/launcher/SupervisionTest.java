package dev.bulwark.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./bulwark up}'s supervisor against the shutdown hook: a clean stop (Ctrl-C) kills the
 * children on purpose and must end quietly with 0; a child dying on its own must still be reported
 * with 1. Real child processes, no mocks.
 */
class SupervisionTest {
    @TempDir
    Path home;

    @Test
    void aCleanStopIsNotReportedAsAnUnexpectedDeath() throws Exception {
        Platform platform = new Platform(null, Map.of());
        ChildProcess child = ChildProcess.start("data plane", List.of("sleep", "600"), Map.of(), home.resolve("dp.log"), home);
        platform.watch(child);
        CountDownLatch stopped = new CountDownLatch(1);
        // The shutdown hook: stop everything (the children are dead from here on), then, a while
        // later (releasing the instance lock), count down. The supervisor looks in between.
        platform.stop();
        assertThat(child.isAlive()).isFalse();
        CompletableFuture.runAsync(stopped::countDown, CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));

        int exit = Bulwark.superviseUntilStopped(platform, stopped);

        assertThat(exit).as("exit code of a clean stop").isZero();
    }

    @Test
    void aChildThatDiesOnItsOwnIsReported() throws Exception {
        Platform platform = new Platform(null, Map.of());
        platform.watch(ChildProcess.start("data plane", List.of("true"), Map.of(), home.resolve("dp.log"), home));
        CountDownLatch neverStopped = new CountDownLatch(1);

        int exit = Bulwark.superviseUntilStopped(platform, neverStopped);

        assertThat(exit).isEqualTo(1);
        assertThat(platform.stopping()).isTrue();
    }
}
