package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.identity.IdentityProvider.AuthenticatedSession;
import io.micronaut.http.HttpRequest;
import java.util.Optional;

/** Where the authentication filter leaves the caller's session for binders and handlers. */
public final class Authentication {
    static final String ATTRIBUTE = "bulwark.session";

    private Authentication() {
    }

    public static Optional<AuthenticatedSession> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, AuthenticatedSession.class);
    }
}
