package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.identity.IdentityProvider;
import dev.bulwark.controlplane.identity.IdentityProvider.AuthenticatedSession;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Problems;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates every {@code /api/**} request and enforces the route's access annotation, deny by
 * default: {@link PublicEndpoint} routes pass; {@link RequiresRole} routes need a session whose
 * member holds at least that role; a route with neither is refused with 403. The session comes
 * from {@code Authorization: Bearer} or the {@code bw_session} cookie; with the cookie, unsafe
 * methods also need {@code X-CSRF-Token} matching the {@code bw_csrf} cookie and the session.
 * Routes of other audiences (the developer portal's {@code DeveloperEndpoint}) go to the
 * {@link SessionGuard} for their annotation instead.
 * Unknown routes pass through untouched so they get their 404/405.
 */
@ServerFilter("/api/**")
public class AuthenticationFilter implements Ordered {
    private final SessionReader<AuthenticatedSession> sessions;
    private final List<SessionGuard> guards;

    private final List<BearerTokenAuthenticator> bearerTokens;

    public AuthenticationFilter(IdentityProvider identity, CsrfTokens csrf, List<SessionGuard> guards,
                                List<BearerTokenAuthenticator> bearerTokens) {
        this.sessions = new SessionReader<>(SessionCookies.SESSION, SessionCookies.CSRF, identity::authenticate,
                session -> csrf.forSession(session.sessionId()));
        this.guards = List.copyOf(guards);
        this.bearerTokens = List.copyOf(bearerTokens);
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return null;
        }
        AnnotationMetadata metadata = route.get().getAnnotationMetadata();
        if (metadata.hasAnnotation(PublicEndpoint.class)) {
            return null;
        }
        Optional<Role> required = metadata.enumValue(RequiresRole.class, Role.class);
        if (required.isEmpty()) {
            for (SessionGuard guard : guards) {
                if (metadata.hasAnnotation(guard.annotation())) {
                    try {
                        guard.admit(request, route.get());
                        return null;
                    } catch (ProblemException e) {
                        return refusal(request, e);
                    }
                }
            }
        }
        if (required.isEmpty()) {
            return Problems.response(request, ProblemException.forbidden("This endpoint declares no access rule and is closed"));
        }
        try {
            AuthenticatedSession session = session(request);
            if (!session.principal().role().includes(required.get())) {
                throw new ProblemException(403, "FORBIDDEN", "Forbidden",
                        "This action needs the " + required.get().name().toLowerCase(java.util.Locale.ROOT) + " role", null);
            }
            request.setAttribute(Authentication.ATTRIBUTE, session);
            return null;
        } catch (ProblemException e) {
            return refusal(request, e);
        }
    }

    private static MutableHttpResponse<?> refusal(HttpRequest<?> request, ProblemException e) {
        MutableHttpResponse<?> response = Problems.response(request, e);
        return e.status() == 401 ? response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer") : response;
    }

    private AuthenticatedSession session(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String token = authorization == null ? null : SessionReader.bearerToken(authorization).orElse(null);
        for (BearerTokenAuthenticator kind : bearerTokens) {
            if (token != null && kind.recognises(token)) {
                return kind.authenticate(token).orElseThrow(ProblemException::unauthorized);
            }
        }
        return sessions.read(request);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}
