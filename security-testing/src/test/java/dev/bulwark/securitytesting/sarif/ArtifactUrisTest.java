package dev.bulwark.securitytesting.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArtifactUrisTest {

    private final Path repo = Path.of("/work/repo");

    @Test
    void documentInsideWorkingDirectoryIsRelative() {
        assertThat(ArtifactUris.of(Path.of("/work/repo/api/open api.yaml"), repo)).isEqualTo("api/open%20api.yaml");
    }

    @Test
    void relativeInputIsResolvedAgainstTheProcessDirectoryFirst() {
        Path cwd = Path.of("").toAbsolutePath();

        assertThat(ArtifactUris.of(Path.of("specs/../api.yaml"), cwd)).isEqualTo("api.yaml");
    }

    @Test
    void documentElsewhereIsAnAbsoluteFileUri() {
        assertThat(ArtifactUris.of(Path.of("/tmp/api.yaml"), repo)).isEqualTo("file:///tmp/api.yaml");
    }
}
