package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.identity.IdentityProvider.AuthenticatedSession;
import java.util.Optional;

/**
 * Another kind of bearer token the console API accepts besides member sessions (tenant automation
 * tokens): recognised by its prefix, it stands for a principal of one tenant with its own role.
 * Only {@code Authorization: Bearer} carries these, never the session cookie.
 */
public interface BearerTokenAuthenticator {

    /** True when the token is of this kind (its prefix); the identity provider then never sees it. */
    boolean recognises(String token);

    /** The session the token stands for while it is valid, unrevoked and unexpired. */
    Optional<AuthenticatedSession> authenticate(String token);
}
