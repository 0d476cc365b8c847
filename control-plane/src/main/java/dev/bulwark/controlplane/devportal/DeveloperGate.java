package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.identity.session.SessionGuard;
import dev.bulwark.controlplane.identity.session.SessionReader;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;

/**
 * Admits a request to a {@link DeveloperEndpoint} route, or says why not: the route must live under
 * {@code /api/devportal/v1/tenants/{slug}} (else it is closed), the slug must name a tenant (else
 * 404 TENANT_NOT_FOUND, before anything about sessions), and the request must carry a developer
 * session of that very tenant, by {@code Authorization: Bearer} or the {@code bw_dev_session} cookie
 * (else 401). With the cookie, unsafe methods also need {@code X-CSRF-Token} equal to the
 * {@code bw_dev_csrf} cookie and bound to the session (else 403).
 */
@Singleton
public class DeveloperGate implements SessionGuard {
    static final String ATTRIBUTE = "bulwark.developer";
    private static final String TEMPLATE = DeveloperCookies.BASE + "{slug}";

    private final PortalTenants tenants;
    private final SessionReader<DeveloperCaller> sessions;

    public DeveloperGate(PortalTenants tenants, DeveloperSessions sessions, DeveloperCookies cookies) {
        this.tenants = tenants;
        this.sessions = new SessionReader<>(DeveloperCookies.SESSION, DeveloperCookies.CSRF, sessions::authenticate,
                caller -> cookies.csrfFor(caller.sessionId()));
    }

    @Override
    public Class<? extends Annotation> annotation() {
        return DeveloperEndpoint.class;
    }

    /** Leaves the {@link DeveloperCaller} on the request, or throws the refusal. */
    @Override
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
        return sessions.read(request);
    }

    /** The 403 unless the request carries the CSRF token bound to this developer session. */
    void requireCsrf(HttpRequest<?> request, DeveloperCaller caller) {
        sessions.requireCsrf(request, caller);
    }
}
