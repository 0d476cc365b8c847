package dev.bulwark.securitytesting.sarif;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * SARIF artifact locations. Code-scanning services match results to files by a URI relative to
 * the repository root, so a document under the working directory is given relative, anything
 * else as an absolute {@code file:} URI.
 */
public final class ArtifactUris {

    private ArtifactUris() {}

    public static String of(Path document, Path workingDirectory) {
        Path absolute = document.toAbsolutePath().normalize();
        Path base = workingDirectory.toAbsolutePath().normalize();
        if (!absolute.startsWith(base)) {
            return absolute.toUri().toString();
        }
        String relative = base.relativize(absolute).toString().replace('\\', '/');
        try {
            // Percent-encodes spaces and other characters not allowed in a URI path.
            return new URI(null, null, relative, null).toASCIIString();
        } catch (URISyntaxException e) {
            return absolute.toUri().toString();
        }
    }
}
