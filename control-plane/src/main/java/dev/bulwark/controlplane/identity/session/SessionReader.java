package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.kernel.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a session off a request, the one way both kinds of session work: members (console,
 * {@code bw_session} + {@code bw_csrf}) and developers (developer portal, {@code bw_dev_session} +
 * {@code bw_dev_csrf}). {@code Authorization: Bearer} wins and needs no CSRF token (another site cannot
 * make the browser send it); otherwise the session cookie, and for unsafe methods {@code X-CSRF-Token}
 * equal to the readable CSRF cookie and to the value bound to that session (a cookie planted by a
 * sibling subdomain does not pass). Missing or unknown credentials are 401, a failed CSRF check 403.
 *
 * @param <S> the authenticated session
 */
public final class SessionReader<S> {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String BEARER = "Bearer ";

    private final String sessionCookie;
    private final String csrfCookie;
    private final Function<String, Optional<S>> authenticate;
    private final Function<S, String> csrfFor;

    /**
     * @param authenticate the session a token stands for, if it is live
     * @param csrfFor      the CSRF value bound to a session
     */
    public SessionReader(String sessionCookie, String csrfCookie, Function<String, Optional<S>> authenticate,
                         Function<S, String> csrfFor) {
        this.sessionCookie = sessionCookie;
        this.csrfCookie = csrfCookie;
        this.authenticate = authenticate;
        this.csrfFor = csrfFor;
    }

    /** The request's session, or the 401/403 refusal. */
    public S read(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return authenticate.apply(bearerToken(authorization).orElseThrow(ProblemException::unauthorized))
                    .orElseThrow(ProblemException::unauthorized);
        }
        Optional<Cookie> cookie = request.getCookies().findCookie(sessionCookie);
        if (cookie.isEmpty()) {
            throw ProblemException.unauthorized();
        }
        S session = authenticate.apply(cookie.get().getValue()).orElseThrow(ProblemException::unauthorized);
        if (!SAFE.contains(request.getMethod())) {
            requireCsrf(request, session);
        }
        return session;
    }

    /** The 403 unless {@code X-CSRF-Token} and the CSRF cookie both carry the value bound to the session. */
    public void requireCsrf(HttpRequest<?> request, S session) {
        String header = request.getHeaders().get(CsrfTokens.HEADER);
        String cookie = request.getCookies().findCookie(csrfCookie).map(Cookie::getValue).orElse(null);
        boolean matches = false;
        if (header != null && cookie != null) {
            byte[] expected = csrfFor.apply(session).getBytes(StandardCharsets.US_ASCII);
            // Both compared in constant time, and both always: no early exit tells which one was wrong.
            matches = MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))
                    & MessageDigest.isEqual(expected, cookie.getBytes(StandardCharsets.UTF_8));
        }
        if (!matches) {
            throw new ProblemException(403, "CSRF_TOKEN_INVALID", "Forbidden",
                    "Cookie-authenticated changes need the X-CSRF-Token header equal to the " + csrfCookie + " cookie", null);
        }
    }

    /** The token of an {@code Authorization: Bearer} header (scheme case-insensitive), empty for another scheme. */
    public static Optional<String> bearerToken(String authorization) {
        return authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? Optional.of(authorization.substring(BEARER.length()).trim())
                : Optional.empty();
    }
}
