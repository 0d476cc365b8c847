package dev.bulwark.controlplane.portal;

import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.Optional;

/**
 * Serves the portal's single-page application under {@code /portal/}: its hashed assets, and
 * index.html for every other path below it so client-side routes survive a reload. Nothing outside
 * {@code /portal} falls back to the page: an unknown API route must stay a 404 problem, not HTML.
 */
@Controller
@PublicEndpoint
@Hidden
public class PortalController {
    static final String ROOT = "classpath:META-INF/resources/portal/";
    private final byte[] index;
    private final ResourceResolver resources;

    public PortalController(ResourceResolver resources) {
        this.resources = resources;
        this.index = read(resources.getResource(ROOT + "index.html")).orElse(null);
    }

    @Get
    public HttpResponse<Void> home() {
        return HttpResponse.<Void>seeOther(URI.create("/portal/"));
    }

    @Get(uri = "/portal/assets/{file}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> asset(@PathVariable String file) {
        if (file.contains("..") || file.contains("/") || file.startsWith(".")) {
            throw ProblemException.notFound("asset");
        }
        return read(resources.getResource(ROOT + "assets/" + file))
                .map(bytes -> HttpResponse.ok(bytes)
                        .contentType(MediaType.forFilename(file))
                        // Vite puts a content hash in every asset name: safe to cache forever.
                        .header("Cache-Control", "public, max-age=31536000, immutable"))
                .orElseThrow(() -> ProblemException.notFound("asset"));
    }

    @Get(uri = "/portal{/path:.*}", produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> route(@PathVariable @io.micronaut.core.annotation.Nullable String path) {
        if (path != null && path.startsWith("assets/")) {
            throw ProblemException.notFound("asset");
        }
        return page();
    }

    private HttpResponse<byte[]> page() {
        if (index == null) {
            throw new ProblemException(404, "PORTAL_NOT_BUILT", "Portal not built",
                    "The portal is not part of this build; the API is at /api/v1", null);
        }
        return HttpResponse.ok(index).contentType(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-cache");
    }

    private static Optional<byte[]> read(Optional<URL> url) {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = url.get().openStream()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
