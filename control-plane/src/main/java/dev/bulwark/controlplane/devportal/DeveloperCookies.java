package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.identity.session.CsrfTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The browser's copy of a developer session: an HttpOnly token cookie scoped to the tenant's portal
 * API path, and a readable CSRF cookie (HMAC of the session id, like the console's) set twice, on the
 * tenant's portal pages (where the script reads it) and on its API path (where it is sent back). Never
 * at {@code /}: a second tenant's portal in the same browser would overwrite the first one's token.
 */
@Singleton
public class DeveloperCookies {
    public static final String SESSION = "bw_dev_session";
    public static final String CSRF = "bw_dev_csrf";
    public static final String BASE = "/api/devportal/v1/tenants/";
    /** Where the console serves a tenant's developer portal pages. */
    public static final String PAGES = "/portal/dev/";

    private final CsrfTokens csrf;

    public DeveloperCookies(CsrfTokens csrf) {
        this.csrf = csrf;
    }

    public void write(HttpRequest<?> request, MutableHttpResponse<?> response, String slug, DeveloperSessions.Started session) {
        Duration maxAge = Duration.between(Instant.now(), session.expiresAt());
        response.cookie(Cookie.of(SESSION, session.token()).path(BASE + slug).httpOnly(true).sameSite(SameSite.Strict)
                .secure(request.isSecure()).maxAge(maxAge));
        for (String path : List.of(PAGES + slug, BASE + slug)) {
            response.cookie(Cookie.of(CSRF, csrfFor(session.sessionId())).path(path).httpOnly(false).sameSite(SameSite.Strict)
                    .secure(request.isSecure()).maxAge(maxAge));
        }
    }

    public void clear(HttpRequest<?> request, MutableHttpResponse<?> response, String slug) {
        response.cookie(Cookie.of(SESSION, "").path(BASE + slug).httpOnly(true).sameSite(SameSite.Strict)
                .secure(request.isSecure()).maxAge(0));
        // "/" clears the cookie earlier releases set there.
        for (String path : List.of(PAGES + slug, BASE + slug, "/")) {
            response.cookie(Cookie.of(CSRF, "").path(path).httpOnly(false).sameSite(SameSite.Strict)
                    .secure(request.isSecure()).maxAge(0));
        }
    }

    String csrfFor(UUID sessionId) {
        return csrf.forSession(sessionId);
    }
}
