package dev.bulwark.controlplane.portal;

import dev.bulwark.controlplane.identity.PublicEndpoint;
import dev.bulwark.controlplane.web.ProblemException;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Optional;
import java.util.Set;

/**
 * Serves the portal's single-page application: its hashed assets, and index.html for every other
 * browser path so client-side routes survive a reload. API-like paths never fall back to the page:
 * an unknown API route must stay a 404 problem, not HTML.
 */
@Controller
@PublicEndpoint
public class PortalController {
    static final String ROOT = "classpath:META-INF/resources/portal/";
    private static final Set<String> NOT_PORTAL = Set.of("api", "health", "sync", ".well-known", "prometheus");

    private final byte[] index;
    private final ResourceResolver resources;

    public PortalController(ResourceResolver resources) {
        this.resources = resources;
        this.index = read(resources.getResource(ROOT + "index.html")).orElse(null);
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> home() {
        return page();
    }

    @Get(uri = "/assets/{file}")
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

    @Get(uri = "/{+path}", produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> route(@PathVariable String path) {
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (NOT_PORTAL.contains(first) || path.contains(".")) {
            throw new ProblemException(404, "NOT_FOUND", "Not found", "No resource at this path", null);
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
