package dev.bulwark.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What a running {@code ./bulwark up} started, written to {@code <home>/run/processes} so that
 * {@code ./bulwark status}, {@code logs} and {@code stop}, run from another terminal, know each
 * process, its address, how to check its health and where it logs. One line per process,
 * tab-separated; the file is removed when the platform stops.
 */
final class RunState {
    /**
     * @param health {@code http://…} answered 200 when healthy, or {@code tcp://host:port} accepting connections
     * @param log    the process's log file
     */
    record Entry(String name, long pid, String url, String health, Path log) {
        String line() {
            return String.join("\t", name, Long.toString(pid), url, health, log.toString());
        }

        static Entry parse(String line) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 5) {
                throw new IllegalArgumentException("not a process line: " + line);
            }
            return new Entry(fields[0], Long.parseLong(fields[1]), fields[2], fields[3], Path.of(fields[4]));
        }

        /** The short name logs are asked for by: {@code control-plane}, {@code data-plane}, {@code redis}, {@code postgres}. */
        String key() {
            String file = log.getFileName().toString();
            return file.endsWith(".log") ? file.substring(0, file.length() - 4) : file;
        }
    }

    private RunState() {
    }

    static Path file(Path home) {
        return home.resolve("run").resolve("processes");
    }

    static void write(Path home, List<Entry> entries) {
        Path file = file(home);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("processes.tmp");
            List<String> lines = new ArrayList<>();
            entries.forEach(entry -> lines.add(entry.line()));
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The processes of the platform last started from this folder; empty when none is recorded. */
    static List<Entry> read(Path home) {
        Path file = file(home);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).map(Entry::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void clear(Path home) {
        try {
            Files.deleteIfExists(file(home));
        } catch (IOException ignored) {
            // a stale file is harmless: status checks every pid it lists
        }
    }
}
