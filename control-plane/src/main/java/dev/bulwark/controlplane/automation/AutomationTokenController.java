package dev.bulwark.controlplane.automation;

import dev.bulwark.controlplane.identity.IdentityProvider.AuthenticatedSession;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.UUID;

/**
 * Tenant automation tokens (admins): create (the token is in the answer once), list, revoke.
 * Only people manage tokens: a token cannot mint or revoke tokens, so a leaked one cannot entrench itself.
 */
@Controller("/api/v1/automation-tokens")
@RequiresRole(Role.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AutomationTokenController {
    private final AutomationTokens tokens;

    AutomationTokenController(AutomationTokens tokens) {
        this.tokens = tokens;
    }

    @Post
    public HttpResponse<IssuedAutomationToken> createAutomationToken(AuthenticatedSession session,
                                                                     @Body @Nullable AutomationTokens.Request body) {
        requirePerson(session);
        return HttpResponse.created(tokens.issue(session.principal(), body));
    }

    @Get
    public Page<AutomationToken> listAutomationTokens(AuthenticatedSession session) {
        return new Page<>(tokens.list(session.principal().tenantId()), null);
    }

    @Delete("/{tokenId}")
    public HttpResponse<Void> revokeAutomationToken(AuthenticatedSession session, String tokenId) {
        requirePerson(session);
        UUID id;
        try {
            id = UUID.fromString(tokenId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Automation token");
        }
        tokens.revoke(session.principal(), id);
        return HttpResponse.noContent();
    }

    private void requirePerson(AuthenticatedSession session) {
        if (tokens.isToken(session)) {
            throw ProblemException.forbidden("Automation tokens are managed by people, not by other tokens");
        }
    }
}
