package dev.bulwark.controlplane.openapi;

import dev.bulwark.controlplane.kernel.PublicEndpoint;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the control plane's own OpenAPI document, generated at compile time from the controllers
 * by micronaut-openapi's annotation processor (so it cannot drift from the code).
 */
@OpenAPIDefinition(
        info = @Info(title = "Bulwark control plane API", version = "v1",
                description = "Tenants, members, audit and catalog. Errors are RFC 9457 problem+json; see docs/control-plane-api.md."),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "session")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@SecurityScheme(name = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE, paramName = "bw_session")
@Controller("/api/v1/openapi.yml")
@PublicEndpoint
@Hidden
public class OpenApiController {
    static final String DOCUMENT = "META-INF/swagger/bulwark-control-plane.yml";
    private static final MediaType YAML = MediaType.of("application/yaml");

    private final byte[] document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("the generated OpenAPI document " + DOCUMENT + " is missing from the build");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = "application/yaml")
    public HttpResponse<String> document() {
        return HttpResponse.ok(new String(document, StandardCharsets.UTF_8)).contentType(YAML);
    }
}
