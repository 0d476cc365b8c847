package dev.bulwark.controlplane.sync;

import dev.bulwark.contracts.sync.SyncLimits;
import dev.bulwark.controlplane.dataplane.DataPlaneCredentials;
import dev.bulwark.controlplane.kernel.Problem;
import dev.bulwark.controlplane.kernel.RequestIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the WebSocket upgrade of {@code /sync/v1}: {@code Authorization: Bearer <data-plane
 * credential>}. Anything else is answered 401 problem+json and never upgraded.
 */
@ServerFilter(SyncLimits.PATH)
public class SyncAuthenticationFilter {
    static final String HOLDER = "bulwark.sync.holder";
    private static final Logger LOG = LoggerFactory.getLogger(SyncAuthenticationFilter.class);

    private final DataPlaneCredentials credentials;

    SyncAuthenticationFilter(DataPlaneCredentials credentials) {
        this.credentials = credentials;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<DataPlaneCredentials.Holder> holder = request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .flatMap(credentials::authenticate);
        if (holder.isEmpty()) {
            LOG.warn("sync connection refused: missing, unknown or revoked data-plane credential from {}", request.getRemoteAddress());
            Problem problem = new Problem(Problem.typeOf("DATA_PLANE_CREDENTIAL_INVALID"), "Authentication required", 401,
                    "A valid data-plane credential is required as Authorization: Bearer <credential>", request.getPath(),
                    "DATA_PLANE_CREDENTIAL_INVALID", RequestIds.of(request), null);
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.of(Problem.MEDIA_TYPE))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"bulwark-sync\"").body(problem);
        }
        request.setAttribute(HOLDER, holder.get());
        return null;
    }
}
