package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.identity.IdentityProvider.Session;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** A session just started, with the body to return; {@link #respond} also sets the cookies. */
public record StartedSession(SessionResponse body, Session session) {

    public MutableHttpResponse<SessionResponse> respond(HttpRequest<?> request, HttpStatus status, SessionCookies cookies) {
        MutableHttpResponse<SessionResponse> response = HttpResponse.<SessionResponse>status(status).body(body);
        cookies.write(request, response, session);
        return response;
    }
}
