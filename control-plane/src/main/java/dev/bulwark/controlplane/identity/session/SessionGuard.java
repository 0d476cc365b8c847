package dev.bulwark.controlplane.identity.session;

import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.RouteMatch;
import java.lang.annotation.Annotation;

/**
 * Admits requests to routes whose callers are not tenant members (the developer portal's
 * developers, for one). {@link AuthenticationFilter} hands such a route to the guard whose
 * {@link #annotation()} it carries, so identity needs no knowledge of the features that own those
 * other kinds of session: they implement this interface and depend on identity, never the reverse.
 */
public interface SessionGuard {
    /** The route annotation this guard answers for; a route carrying it and no {@code RequiresRole} is its. */
    Class<? extends Annotation> annotation();

    /**
     * Leaves the authenticated caller on the request, or throws the refusal as a
     * {@code ProblemException} (401 answers get {@code WWW-Authenticate} added by the filter).
     */
    void admit(HttpRequest<?> request, RouteMatch<?> route);
}
