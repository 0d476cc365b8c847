package dev.bulwark.controlplane.kernel;

import io.micronaut.http.HttpRequest;

/** The id that ties a request to its logs, audit entries and error responses. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "bulwark.requestId";

    private RequestIds() {
    }

    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElse(null);
    }
}
