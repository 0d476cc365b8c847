package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.identity.Emails;
import dev.bulwark.controlplane.identity.password.PasswordHasher;
import dev.bulwark.controlplane.identity.password.PasswordPolicy;
import dev.bulwark.controlplane.identity.session.SessionCookies;
import dev.bulwark.controlplane.identity.session.SessionResponse;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
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

    /** A new account's password and name; someone who already has an account joins from their session instead. */
    @Introspected
    public record AcceptCommand(@NotBlank @Size(max = 200) String token, @NotNull @Size(max = 1024) String password,
                                @Nullable @Size(max = 200) String displayName) {
    }

    @Introspected
    public record JoinCommand(@NotBlank @Size(max = 200) String token) {
    }

    @Introspected
    public record LookupCommand(@NotBlank @Size(max = 200) String token) {
    }

    @Post
    @RequiresRole(Role.ADMIN)
    public HttpResponse<Invitation> invite(Principal principal, @Valid @Body InviteCommand command) {
        String email = Emails.normalise(command.email());
        Emails.problem(email).ifPresent(problem -> {
            throw ProblemException.invalid("email", problem);
        });
        return HttpResponse.created(invitations.invite(principal, email, command.role()));
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

    /** Accepting creates a new account; an email that has one is told to log in and {@link #join} (no password is checked here). */
    @Post("/accept")
    @PublicEndpoint
    public HttpResponse<SessionResponse> accept(HttpRequest<?> request, @Valid @Body AcceptCommand command) {
        String email = invitations.emailFor(command.token()).orElseThrow(InvitationService::invalid);
        if (accounts.findByEmail(email).isPresent()) {
            throw InvitationService.logInToAccept();
        }
        String displayName = command.displayName() == null ? "" : command.displayName().strip();
        if (displayName.isEmpty()) {
            throw ProblemException.invalid("displayName", "Enter your name");
        }
        policy.check("password", command.password(), email).ifPresent(v -> {
            throw ProblemException.invalid(List.of(v));
        });
        return invitations.accept(command.token(), hasher.hash(command.password()), displayName)
                .respond(request, HttpStatus.CREATED, cookies);
    }

    /** An existing account accepts from its own session; the new session is for the tenant it joined. */
    @Post("/join")
    @RequiresRole(Role.VIEWER)
    public HttpResponse<SessionResponse> join(HttpRequest<?> request, Principal principal, @Valid @Body JoinCommand command) {
        return invitations.join(command.token(), principal).respond(request, HttpStatus.CREATED, cookies);
    }
}
