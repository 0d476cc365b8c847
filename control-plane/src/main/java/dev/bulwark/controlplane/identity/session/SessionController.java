package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.IdentityProvider;
import dev.bulwark.controlplane.identity.IdentityProvider.AuthenticatedSession;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Log-in and log-out. */
@Controller("/api/v1/sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SessionController {
    private final PasswordLogin login;
    private final IdentityProvider identity;
    private final SessionCookies cookies;
    private final AuditTrail audit;

    public SessionController(PasswordLogin login, IdentityProvider identity, SessionCookies cookies, AuditTrail audit) {
        this.login = login;
        this.identity = identity;
        this.cookies = cookies;
        this.audit = audit;
    }

    @Introspected
    public record LoginCommand(@NotBlank @Size(max = 254) String email,
                               @NotNull @Size(max = 1024) String password,
                               @Nullable @Size(max = 63) String tenantSlug) {
    }

    @Post
    @PublicEndpoint
    public HttpResponse<SessionResponse> logIn(HttpRequest<?> request, @Valid @Body LoginCommand command) {
        return login.login(command.email().strip(), command.password(), command.tenantSlug(), LoginThrottle.clientIp(request))
                .respond(request, HttpStatus.OK, cookies);
    }

    @Delete("/current")
    @RequiresRole(Role.VIEWER)
    @Transactional
    public HttpResponse<Void> logOut(HttpRequest<?> request, AuthenticatedSession session) {
        identity.endSession(session);
        audit.record(session.principal(), "session.logout", "user", session.principal().userId().toString(), null, null);
        MutableHttpResponse<Void> response = HttpResponse.noContent();
        cookies.clear(request, response);
        return response;
    }
}
