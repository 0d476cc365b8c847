package dev.bulwark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories that do not outlive the test JVM: each is deleted, with its contents, when
 * the JVM exits, even when the test that made it failed before its own clean-up. Use it (or JUnit's
 * {@code @TempDir}) instead of {@link Files#createTempDirectory}, so test runs leave nothing in the
 * temp directory.
 */
public final class TempDirectories {
    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempDirectories::deleteAll, "temp-directory-cleanup"));
    }

    private TempDirectories() {
    }

    public static Path create(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            synchronized (CREATED) {
                CREATED.add(directory);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and everything in it now; a missing directory is not an error. */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Best effort: something still writing there (a server shutting down) loses the race.
        }
    }

    private static void deleteAll() {
        synchronized (CREATED) {
            CREATED.forEach(TempDirectories::delete);
        }
    }
}
