package dev.bulwark.dataplane.model;

/** Finds the route for a request; immutable, shared by every event loop. */
public interface Router {
    /**
     * @return the match; a refused match ({@link RouteMatch#refused()}) when an API's base path covers
     *         the request but the API has no route for it; null when no API covers it (null avoids an
     *         Optional per request)
     */
    RouteMatch match(String host, String method, String path);
}
