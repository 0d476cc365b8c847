package dev.bulwark.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./bulwark status|stop|logs|reset} against a data folder, with real processes and a real
 * lock held by another JVM where it matters.
 */
class CommandsTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Process other;

    private Commands commands() {
        return new Commands(home, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void killOther() {
        if (other != null) {
            other.destroyForcibly();
        }
    }

    @Test
    void statusSaysWhenNothingRuns() {
        assertThat(commands().status()).isEqualTo(3);
        assertThat(out.toString()).contains("not running");
    }

    @Test
    void statusListsEachProcessWithItsHealth() throws Exception {
        try (InstanceLock ignored = InstanceLock.acquire(home); ServerSocket listening = new ServerSocket(0)) {
            Process sleeper = new ProcessBuilder("sleep", "600").start();
            try {
                RunState.write(home, List.of(
                        new RunState.Entry("Redis", sleeper.pid(), "redis://127.0.0.1:" + listening.getLocalPort(),
                                "tcp://127.0.0.1:" + listening.getLocalPort(), home.resolve("logs/redis.log")),
                        new RunState.Entry("data plane", Long.MAX_VALUE - 1, "http://127.0.0.1:1/", "http://127.0.0.1:1/health/ready",
                                home.resolve("logs/data-plane.log"))));

                int exit = commands().status();

                assertThat(exit).isEqualTo(1);
                assertThat(out.toString()).contains("Bulwark is running (launcher pid " + ProcessHandle.current().pid())
                        .containsPattern("Redis +pid " + sleeper.pid() + " +redis://127.0.0.1:\\d+ +healthy")
                        .containsPattern("data plane +pid \\d+ +http://127.0.0.1:1/ +not running");
            } finally {
                sleeper.destroyForcibly();
            }
        }
    }

    @Test
    void stopEndsTheProcessHoldingTheDataFolder() throws Exception {
        other = lockHolder();
        // the holder locks the file before it writes its pid: until then holder() reads -1 (locked, owner unknown)
        await().atMost(Duration.ofSeconds(30)).until(() -> InstanceLock.holder(home).equals(java.util.OptionalLong.of(other.pid())));

        int exit = commands().stop(Duration.ofSeconds(20));

        assertThat(exit).isZero();
        assertThat(other.isAlive()).isFalse();
        assertThat(InstanceLock.holder(home)).isEmpty();
        assertThat(commands().stop(Duration.ofSeconds(1))).isZero();
        assertThat(out.toString()).contains("Bulwark is not running.");
    }

    @Test
    void logsPrintTheLastLinesOfOneProcess() throws Exception {
        Path logs = Files.createDirectories(home.resolve("logs"));
        Files.write(logs.resolve("control-plane.log"), IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).toList());
        Files.writeString(logs.resolve("data-plane.log"), "other\n");

        int exit = commands().logs("control-plane", 3, false);

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("line 98\nline 99\nline 100\n");
        assertThat(commands().logs("nginx", 3, false)).isEqualTo(2);
        assertThat(err.toString()).contains("control-plane|data-plane");
    }

    @Test
    void resetAsksFirstAndRefusesWhileRunning() throws Exception {
        Files.createDirectories(home.resolve("postgres"));
        Files.writeString(home.resolve("secrets.properties"), "x=y");

        assertThat(commands().reset(false, answer("n"))).isEqualTo(1);
        assertThat(home.resolve("secrets.properties")).exists();

        try (InstanceLock ignored = InstanceLock.acquire(home)) {
            assertThat(commands().reset(true, answer(""))).isEqualTo(1);
            assertThat(err.toString()).contains("stop it first");
        }
        assertThat(home).exists();

        assertThat(commands().reset(false, answer("y"))).isZero();
        assertThat(home).doesNotExist();
    }

    @Test
    void withoutACommandTheHelpIsPrinted() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Bulwark.run(new String[0], java.util.Map.of("BULWARK_HOME", home.toString()))).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString()).contains("usage: ./bulwark <command>").contains("status").contains("logs <process>")
                .contains("reset");
    }

    private static BufferedReader answer(String line) {
        return new BufferedReader(new StringReader(line + "\n"));
    }

    /** Another JVM that takes the data folder's lock the way {@code ./bulwark up} does, then waits. */
    private Process lockHolder() throws Exception {
        Path source = home.getParent().resolve("LockHolder-" + System.nanoTime() + ".java");
        Files.writeString(source, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class LockHolder {
                    public static void main(String[] args) throws Exception {
                        Path file = Path.of(args[0]).resolve("bulwark.lock");
                        Files.createDirectories(file.getParent());
                        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                StandardOpenOption.READ);
                        channel.lock();
                        channel.truncate(0);
                        channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes()));
                        Thread.sleep(600_000);
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, source.toString(), home.toString()).redirectErrorStream(true)
                .redirectOutput(home.getParent().resolve("lock-holder.log").toFile()).start();
    }
}
