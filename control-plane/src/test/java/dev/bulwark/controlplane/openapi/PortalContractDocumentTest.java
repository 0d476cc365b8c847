package dev.bulwark.controlplane.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The portal's TypeScript types are generated from a committed copy of this module's OpenAPI document
 * (portal-web/openapi), because portal-web is built before the control plane that packages it. This test
 * keeps the copy honest: a change to a controller or a wire record that changes the document fails here
 * until the copy and the generated types are refreshed (docs/portal.md, "Types from the OpenAPI document").
 */
class PortalContractDocumentTest {
    private static final Path PORTAL_COPY = Path.of("..", "portal-web", "openapi", "bulwark-control-plane.yml");

    @Test
    void thePortalsCopyOfTheOpenApiDocumentIsTheOneThisBuildGenerates() throws IOException {
        String generated;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(OpenApiController.DOCUMENT)) {
            assertThat(in).as(OpenApiController.DOCUMENT).isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(PORTAL_COPY).exists();
        String copy = Files.readString(PORTAL_COPY);
        assertThat(copy)
                .as("portal-web/openapi/bulwark-control-plane.yml is stale: copy control-plane/target/classes/%s over it,"
                        + " then run `npm run generate:api` in portal-web (docs/portal.md)", OpenApiController.DOCUMENT)
                .isEqualTo(generated);
    }
}
