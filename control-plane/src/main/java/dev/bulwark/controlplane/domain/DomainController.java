package dev.bulwark.controlplane.domain;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.UUID;

/** Domain claims and their verification: who may bind an API to which host. Owners and admins only. */
@Controller("/api/v1/domains")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DomainController {
    /** The tenant's claims, and the name the platform assigned it (null when the platform has no API domain). */
    public record DomainList(List<DomainClaimView> items, String platformDomain) {
    }

    private final DomainService domains;

    public DomainController(DomainService domains) {
        this.domains = domains;
    }

    @Get
    @RequiresRole(Role.ADMIN)
    public DomainList listDomains(Principal principal) {
        return new DomainList(domains.list(principal.tenantId()), domains.platformDomain(principal.tenantId()).orElse(null));
    }

    @Post
    @RequiresRole(Role.ADMIN)
    public HttpResponse<DomainClaimView> claimDomain(Principal principal, @Body @Nullable DomainService.Claim body) {
        return HttpResponse.<DomainClaimView>status(HttpStatus.CREATED).body(domains.create(principal, body));
    }

    @Get("/{domainId}")
    @RequiresRole(Role.ADMIN)
    public DomainClaimView getDomain(Principal principal, String domainId) {
        return domains.get(principal.tenantId(), parse(domainId));
    }

    @Post("/{domainId}/verify")
    @RequiresRole(Role.ADMIN)
    public DomainClaimView verifyDomain(Principal principal, String domainId, @Body @Nullable DomainService.Verify body) {
        return domains.verify(principal, parse(domainId), body);
    }

    @Delete("/{domainId}")
    @RequiresRole(Role.ADMIN)
    public HttpResponse<Void> deleteDomain(Principal principal, String domainId) {
        domains.delete(principal, parse(domainId));
        return HttpResponse.noContent();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Domain claim");
        }
    }
}
