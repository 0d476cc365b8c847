package dev.bulwark.securitytesting.audit;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** The realistic documents under src/test/resources/fixtures. */
public final class Fixtures {

    public static final String INSECURE = "petstore-insecure.yaml";
    public static final String SECURED = "petstore-secured.yaml";

    private Fixtures() {}

    public static Path path(String name) {
        try {
            return Path.of(Objects.requireNonNull(Fixtures.class.getResource("/fixtures/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ApiDocument load(String name) {
        try {
            return new OpenApiLoader().load(path(name));
        } catch (Exception e) {
            throw new AssertionError("fixture " + name + " does not load", e);
        }
    }
}
