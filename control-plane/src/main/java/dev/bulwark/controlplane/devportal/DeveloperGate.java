package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.identity.session.CsrfTokens;
import dev.bulwark.controlplane.tenant.Tenants;
import dev.bulwark.controlplane.web.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Admits a request to a {@link DeveloperEndpoint} route, or says why not: the route must live under
 * {@code /api/devportal/v1/tenants/{slug}} (else it is closed), the slug must name a tenant (else
 * 404 TENANT_NOT_FOUND, before anything about sessions), and the request must carry a developer
 * session of that very tenant, by {@code Authorization: Bearer} or the {@code bw_dev_session} cookie
 * (else 401). With the cookie, unsafe methods also need {@code X-CSRF-Token} equal to the
 * {@code bw_dev_csrf} cookie and bound to the session (else 403).
 */
@Singleton
public class DeveloperGate {
    static final String ATTRIBUTE = "bulwark.developer";
    private static final String TEMPLATE = DeveloperCookies.BASE + "{slug}";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String BEARER = "Bearer ";

    private final PortalTenants tenants;
    private final DeveloperSessions sessions;
    private final DeveloperCookies cookies;

    public DeveloperGate(PortalTenants tenants, DeveloperSessions sessions, DeveloperCookies cookies) {
        this.tenants = tenants;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    /** Leaves the {@link DeveloperCaller} on the request, or throws the refusal. */
    public void admit(HttpRequest<?> request, RouteMatch<?> route) {
        Object slug = route.getVariableValues().get("slug");
        if (!(route.getRouteInfo() instanceof io.micronaut.web.router.UriRouteInfo<?, ?> info)
                || !info.getUriMatchTemplate().toString().startsWith(TEMPLATE) || slug == null) {
            throw ProblemException.forbidden("This endpoint declares no valid access rule and is closed");
        }
        Tenants.Tenant tenant = tenants.require(slug.toString());
        DeveloperCaller caller = session(request);
        if (!caller.tenantId().equals(tenant.id())) {
            throw ProblemException.unauthorized();
        }
        request.setAttribute(ATTRIBUTE, caller);
    }

    private DeveloperCaller session(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw ProblemException.unauthorized();
            }
            return sessions.authenticate(authorization.substring(BEARER.length()).trim()).orElseThrow(ProblemException::unauthorized);
        }
        Optional<Cookie> cookie = request.getCookies().findCookie(DeveloperCookies.SESSION);
        if (cookie.isEmpty()) {
            throw ProblemException.unauthorized();
        }
        DeveloperCaller caller = sessions.authenticate(cookie.get().getValue()).orElseThrow(ProblemException::unauthorized);
        if (!SAFE.contains(request.getMethod()) && !csrfMatches(request, caller)) {
            throw new ProblemException(403, "CSRF_TOKEN_INVALID", "Forbidden",
                    "Cookie-authenticated changes need the X-CSRF-Token header equal to the bw_dev_csrf cookie", null);
        }
        return caller;
    }

    boolean csrfMatches(HttpRequest<?> request, DeveloperCaller caller) {
        String header = request.getHeaders().get(CsrfTokens.HEADER);
        String cookie = request.getCookies().findCookie(DeveloperCookies.CSRF).map(Cookie::getValue).orElse(null);
        if (header == null || cookie == null) {
            return false;
        }
        byte[] expected = cookies.csrfFor(caller.sessionId()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(expected, cookie.getBytes(StandardCharsets.UTF_8));
    }
}
