package dev.bulwark.dataplane.model;

/** Finds the route for a request; immutable, shared by every event loop. */
public interface Router {
    /** @return the match, or null when no route matches (null avoids an Optional per request) */
    RouteMatch match(String host, String method, String path);
}
