package dev.bulwark.controlplane.dataplane;

import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.PlatformAdmins;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.snapshot.SyncSettings;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Data-plane credentials: platform administrators only (see {@link PlatformAdmins}). */
@Controller("/api/v1/data-plane-credentials")
@RequiresRole(Role.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DataPlaneCredentialController {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneCredentialController.class);

    /** @param name what the credential is for, e.g. "eu-west gateways" */
    public record IssueRequest(String environment, String name) {
    }

    private final DataPlaneCredentials credentials;
    private final PlatformAdmins admins;
    private final SyncSettings settings;
    private final List<RevocationListener> revocations;

    DataPlaneCredentialController(DataPlaneCredentials credentials, PlatformAdmins admins, SyncSettings settings,
            List<RevocationListener> revocations) {
        this.credentials = credentials;
        this.admins = admins;
        this.settings = settings;
        this.revocations = List.copyOf(revocations);
    }

    @Post
    public HttpResponse<IssuedCredential> issue(@Body IssueRequest request, Principal principal) {
        admins.require(principal);
        if (request == null || request.environment() == null || !settings.environments().contains(request.environment())) {
            throw ProblemException.invalid("environment", "must be one of " + settings.environments());
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw ProblemException.invalid("name", "must be 1-100 characters");
        }
        IssuedCredential issued = credentials.issue(request.environment(), request.name().strip(), principal);
        LOG.info("data-plane credential {} ({}) issued for {} by {}", issued.id(), issued.prefix(), issued.environment(),
                principal.userId());
        return HttpResponse.created(issued);
    }

    @Get
    public Page<DataPlaneCredential> listDataPlaneCredentials(Principal principal) {
        admins.require(principal);
        return new Page<>(credentials.list(), null);
    }

    @Delete("/{credentialId}")
    public HttpResponse<Void> revokeDataPlaneCredential(@PathVariable UUID credentialId, Principal principal) {
        admins.require(principal);
        if (!credentials.revoke(credentialId, principal)) {
            throw ProblemException.notFound("Active data-plane credential " + credentialId);
        }
        revocations.forEach(listener -> listener.revoked(credentialId));
        LOG.info("data-plane credential {} revoked by {}", credentialId, principal.userId());
        return HttpResponse.noContent();
    }
}
