package dev.bulwark.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The commands that act on a platform started by {@code ./bulwark up} from another terminal:
 * {@code status}, {@code stop}, {@code logs} and {@code reset}. They find it through the data
 * folder: the instance lock says whether it runs (and its pid), {@link RunState} what it started.
 */
final class Commands {
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    Commands(Path home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    /** Each process, its pid, address and health; exit 0 when all are healthy, 3 when not running, 1 otherwise. */
    int status() {
        OptionalLong launcher = InstanceLock.holder(home);
        if (launcher.isEmpty()) {
            out.println("Bulwark is not running (data in " + home + ").");
            return 3;
        }
        out.println("Bulwark is running (launcher pid " + launcher.getAsLong() + ", data in " + home + ").");
        List<RunState.Entry> entries = RunState.read(home);
        if (entries.isEmpty()) {
            out.println("  still starting: no process is recorded yet");
            return 1;
        }
        boolean healthy = true;
        for (RunState.Entry entry : entries) {
            boolean alive = ProcessHandle.of(entry.pid()).map(ProcessHandle::isAlive).orElse(false);
            String health = alive ? health(entry.health()) : "not running";
            healthy &= "healthy".equals(health);
            out.printf("  %-14s pid %-8d %-32s %s%n", entry.name(), entry.pid(), entry.url(), health);
        }
        return healthy ? 0 : 1;
    }

    /** Asks the launcher to stop (as Ctrl-C does) and waits until it has stopped everything. */
    int stop(Duration patience) {
        OptionalLong launcher = InstanceLock.holder(home);
        if (launcher.isEmpty()) {
            out.println("Bulwark is not running.");
            return 0;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(launcher.getAsLong());
        if (process.isEmpty()) {
            err.println("bulwark: the data folder is locked but process " + launcher.getAsLong() + " is not visible from here");
            return 1;
        }
        out.println("Stopping Bulwark (pid " + launcher.getAsLong() + ") ...");
        process.get().destroy();
        try {
            process.get().onExit().get(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            err.println("bulwark: still stopping after " + patience.toSeconds() + " s; see " + home.resolve("logs"));
            return 1;
        } catch (java.util.concurrent.ExecutionException e) {
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        out.println("Stopped.");
        return 0;
    }

    /**
     * Prints the last lines of one process's log and, with {@code follow}, what it writes next until
     * interrupted (Ctrl-C). {@code name} is {@code control-plane}, {@code data-plane}, {@code redis}
     * or {@code postgres}.
     */
    int logs(String name, int lines, boolean follow) throws IOException, InterruptedException {
        Path logs = home.resolve("logs");
        List<String> known;
        try (var files = Files.list(logs)) {
            known = files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".log"))
                    .map(file -> file.substring(0, file.length() - 4)).sorted().toList();
        } catch (IOException e) {
            known = List.of();
        }
        if (name == null || !known.contains(name)) {
            err.println("usage: ./bulwark logs <" + (known.isEmpty() ? "control-plane|data-plane|redis|postgres"
                    : String.join("|", known)) + "> [--no-follow]");
            return 2;
        }
        Path log = logs.resolve(name + ".log");
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = startOfLastLines(file, lines);
            while (true) {
                long length = file.length();
                if (length < position) {
                    position = 0; // truncated or replaced: start again from its beginning
                }
                if (length > position) {
                    file.seek(position);
                    byte[] chunk = new byte[(int) Math.min(length - position, 1 << 20)];
                    file.readFully(chunk);
                    out.print(new String(chunk, StandardCharsets.UTF_8));
                    out.flush();
                    position += chunk.length;
                    continue;
                }
                if (!follow) {
                    return 0;
                }
                Thread.sleep(250); // polling a file: the only portable way to follow it
            }
        }
    }

    /** Deletes the data folder after asking (or with {@code assumeYes}); refuses while the platform runs. */
    int reset(boolean assumeYes, BufferedReader answers) throws IOException {
        if (InstanceLock.holder(home).isPresent()) {
            err.println("bulwark: Bulwark is running with data in " + home + "; stop it first (./bulwark stop)");
            return 1;
        }
        if (!Files.exists(home)) {
            out.println("Nothing to reset: " + home + " does not exist.");
            return 0;
        }
        if (!assumeYes) {
            out.print("Delete " + home + " (database, Redis data, logs, generated secrets)? This cannot be undone. [y/N] ");
            out.flush();
            String answer = answers.readLine();
            if (answer == null || !answer.trim().equalsIgnoreCase("y") && !answer.trim().equalsIgnoreCase("yes")) {
                out.println("Nothing deleted.");
                return 1;
            }
        }
        deleteRecursively(home);
        out.println("Deleted " + home + ". The next ./bulwark up starts from scratch.");
        return 0;
    }

    static BufferedReader stdin() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    private static String health(String check) {
        if (check.startsWith("tcp://")) {
            URI address = URI.create(check);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), 2_000);
                return "healthy";
            } catch (IOException e) {
                return "not accepting connections";
            }
        }
        return Planes.isReady(check) ? "healthy" : "not ready (" + check + ")";
    }

    private static long startOfLastLines(RandomAccessFile file, int lines) throws IOException {
        long position = file.length();
        int newlines = 0;
        while (position > 0) {
            file.seek(position - 1);
            if (file.read() == '\n' && position != file.length() && ++newlines == lines) {
                return position;
            }
            position--;
        }
        return 0;
    }

    private static void deleteRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException error) throws IOException {
                if (error != null) {
                    throw error;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
