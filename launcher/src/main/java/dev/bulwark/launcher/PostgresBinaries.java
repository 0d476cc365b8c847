package dev.bulwark.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks the PostgreSQL server that zonky's binary artifacts ship for this platform, once, into
 * the data folder. We run the binaries ourselves instead of through zonky's EmbeddedPostgres
 * because PostgreSQL refuses to run as root and zonky cannot drop privileges.
 */
final class PostgresBinaries {
    private PostgresBinaries() {
    }

    static Path unpack(Path target) {
        String resource = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "postgres-linux-x86_64.txz";
            case "aarch64", "arm64" -> "postgres-linux-arm_64.txz";
            default -> throw new LaunchException("no embedded PostgreSQL for " + System.getProperty("os.arch")
                    + "; set BULWARK_DB_URL to a PostgreSQL server");
        };
        if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new LaunchException("the embedded PostgreSQL runs on Linux only; set BULWARK_DB_URL to a PostgreSQL server");
        }
        Path marker = target.resolve(".complete-" + resource);
        if (Files.exists(marker)) {
            return target;
        }
        try (InputStream raw = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new LaunchException("PostgreSQL binaries " + resource + " missing from the launcher; rebuild with ./mvnw package");
            }
            Files.createDirectories(target);
            extract(new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(raw))), target);
            Files.createFile(marker);
            return target;
        } catch (IOException e) {
            throw new LaunchException("cannot unpack PostgreSQL into " + target + ": " + e.getMessage(), e);
        }
    }

    private static void extract(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path destination = target.resolve(entry.getName()).normalize();
            if (!destination.startsWith(target)) {
                throw new IOException("archive entry escapes the target folder: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(destination);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(destination.getParent());
                Files.deleteIfExists(destination);
                Files.createSymbolicLink(destination, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(destination.getParent());
                Files.copy(tar, destination, StandardCopyOption.REPLACE_EXISTING);
                boolean executable = (entry.getMode() & 0100) != 0;
                Files.setPosixFilePermissions(destination, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
