package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.identity.IdentityProvider.Session;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/** The browser's copy of a session: an HttpOnly token cookie and a readable CSRF cookie. */
@Singleton
public class SessionCookies {
    public static final String SESSION = "bw_session";
    public static final String CSRF = "bw_csrf";

    private final CsrfTokens csrf;

    public SessionCookies(CsrfTokens csrf) {
        this.csrf = csrf;
    }

    public void write(HttpRequest<?> request, MutableHttpResponse<?> response, Session session) {
        Duration maxAge = Duration.between(Instant.now(), session.expiresAt());
        response.cookie(base(Cookie.of(SESSION, session.token()), request).httpOnly(true).maxAge(maxAge));
        response.cookie(base(Cookie.of(CSRF, csrf.forSession(session.sessionId())), request).httpOnly(false).maxAge(maxAge));
    }

    public void clear(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.cookie(base(Cookie.of(SESSION, ""), request).httpOnly(true).maxAge(0));
        response.cookie(base(Cookie.of(CSRF, ""), request).httpOnly(false).maxAge(0));
    }

    private static Cookie base(Cookie cookie, HttpRequest<?> request) {
        return cookie.path("/").sameSite(SameSite.Strict).secure(request.isSecure());
    }
}
