package dev.bulwark.dataplane.model;

import java.util.Map;

/**
 * Why a policy stopped a request: rendered as problem+json with the stable {@code key}.
 * No stack trace is captured: failures are expected traffic, not bugs, and must stay cheap.
 *
 * @param headers extra response headers, e.g. {@code Retry-After}
 */
public final class PolicyFailure extends RuntimeException {
    private final int status;
    private final String key;
    private final Map<String, String> headers;

    public PolicyFailure(int status, String key, String message) {
        this(status, key, message, Map.of());
    }

    public PolicyFailure(int status, String key, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.key = key;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String key() {
        return key;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
