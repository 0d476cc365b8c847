package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.identity.Principal;
import dev.bulwark.controlplane.identity.PublicEndpoint;
import dev.bulwark.controlplane.identity.RequiresRole;
import dev.bulwark.controlplane.identity.Role;
import dev.bulwark.controlplane.identity.password.PasswordHasher;
import dev.bulwark.controlplane.identity.password.PasswordPolicy;
import dev.bulwark.controlplane.identity.session.SessionCookies;
import dev.bulwark.controlplane.identity.session.SessionResponse;
import dev.bulwark.controlplane.web.Page;
import dev.bulwark.controlplane.web.ProblemException;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Controller("/api/v1/invitations")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InvitationController {
    private final InvitationService invitations;
    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final SessionCookies cookies;

    public InvitationController(InvitationService invitations, Accounts accounts, PasswordPolicy policy, PasswordHasher hasher,
                                SessionCookies cookies) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.cookies = cookies;
    }

    @Introspected
    public record InviteCommand(@NotBlank @Email @Size(max = 254) String email, @NotNull Role role) {
    }

    /** {@code displayName} names a new account; someone who already has one proves it with their password instead. */
    @Introspected
    public record AcceptCommand(@NotBlank @Size(max = 200) String token, @NotNull @Size(max = 1024) String password,
                                @Nullable @Size(max = 200) String displayName) {
    }

    @Introspected
    public record LookupCommand(@NotBlank @Size(max = 200) String token) {
    }

    @Post
    @RequiresRole(Role.ADMIN)
    public HttpResponse<Invitation> invite(Principal principal, @Valid @Body InviteCommand command) {
        return HttpResponse.created(invitations.invite(principal, command.email().strip(), command.role()));
    }

    @Get
    @RequiresRole(Role.ADMIN)
    public Page<Invitation> pending(Principal principal) {
        return new Page<>(invitations.pending(principal), null);
    }

    @Delete("/{invitationId}")
    @RequiresRole(Role.ADMIN)
    public HttpResponse<Void> revokeInvitation(Principal principal, UUID invitationId) {
        invitations.revoke(principal, invitationId);
        return HttpResponse.noContent();
    }

    /**
     * Shows the invitee what they are accepting. POST keeps the token out of URLs and access logs; the
     * token is a 256-bit secret, so answering for it reveals nothing to someone who does not hold it.
     */
    @Post("/lookup")
    @PublicEndpoint
    public InvitationService.Preview lookupInvitation(@Valid @Body LookupCommand command) {
        return invitations.preview(command.token()).orElseThrow(InvitationService::invalid);
    }

    @Post("/accept")
    @PublicEndpoint
    public HttpResponse<SessionResponse> accept(HttpRequest<?> request, @Valid @Body AcceptCommand command) {
        String email = invitations.emailFor(command.token()).orElseThrow(InvitationService::invalid);
        Optional<String> newHash = Optional.empty();
        String displayName = command.displayName() == null ? "" : command.displayName().strip();
        if (accounts.findByEmail(email).isEmpty()) {
            if (displayName.isEmpty()) {
                throw ProblemException.invalid("displayName", "Enter your name");
            }
            policy.check("password", command.password(), email).ifPresent(v -> {
                throw ProblemException.invalid(List.of(v));
            });
            newHash = Optional.of(hasher.hash(command.password()));
        }
        return invitations.accept(command.token(), newHash, displayName,
                        user -> hasher.verify(command.password(), user.passwordHash()))
                .respond(request, HttpStatus.CREATED, cookies);
    }
}
