package dev.bulwark.dataplane.error;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes every gateway rejection as RFC 9457 problem+json. The body names a stable key and the
 * request id, and never carries upstream internals.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://bulwark.dev/problems/";

    private Problems() {
    }

    public static Future<Void> write(HttpServerResponse response, int status, String key, String detail, String requestId) {
        return write(response, status, key, detail, requestId, null);
    }

    /**
     * @param errors the {@code errors} extension member (RFC 9457 §3.2): one object per violation with
     *               its {@code location} and {@code reason}; null for none
     * @return completes once the response is written (or failed to be)
     */
    public static Future<Void> write(HttpServerResponse response, int status, String key, String detail, String requestId,
                             JsonArray errors) {
        if (response.headWritten()) {
            // Too late for a clean error: closing tells the client the response is incomplete.
            response.reset();
            return Future.succeededFuture();
        }
        if (status < 400) {
            // A policy's answer rather than an error (a CORS preflight's 204): status and headers only.
            return response.setStatusCode(status).end();
        }
        JsonObject body = new JsonObject()
                .put("type", TYPE_BASE + key.toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .put("title", titleOf(status))
                .put("status", status)
                .put("key", key)
                .put("detail", detail);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return response.setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body.toBuffer());
    }

    /**
     * A problem document as bytes, for a policy that replaces a body rather than answering itself
     * (an upstream error body that leaked internals, replaced with its status kept).
     */
    public static io.vertx.core.buffer.Buffer body(int status, String key, String detail, String requestId) {
        JsonObject body = new JsonObject()
                .put("type", TYPE_BASE + key.toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .put("title", titleOf(status))
                .put("status", status)
                .put("key", key)
                .put("detail", detail);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body.toBuffer();
    }

    static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 408 -> "Request timeout";
            case 413 -> "Content too large";
            case 414 -> "URI too long";
            case 429 -> "Too many requests";
            case 431 -> "Request header fields too large";
            case 501 -> "Not implemented";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> status >= 500 ? "Gateway error" : "Request refused";
        };
    }
}
