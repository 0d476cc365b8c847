package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.model.Violation;
import dev.bulwark.dataplane.pipeline.HeaderRules;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What the client's response is made of: the upstream's head (filtered), or the gateway's own problem details. */
final class UpstreamResponses {
    private UpstreamResponses() {
    }

    /** Status and headers of the upstream's response; framing is the gateway's own (length or chunked). */
    static void copyHead(HttpServerRequest request, HttpClientResponse upstream, HttpServerResponse response) {
        int status = upstream.statusCode();
        response.setStatusCode(status);
        HeaderRules.copyResponseHeaders(upstream.headers(), response.headers());
        String contentLength = upstream.getHeader("content-length");
        if (contentLength != null) {
            response.putHeader("content-length", contentLength);
        } else if (request.version() != HttpVersion.HTTP_2 && status >= 200 && status != 204 && status != 304
                && request.method() != HttpMethod.HEAD) {
            response.setChunked(true);
        }
    }

    /** The RFC 9457 {@code errors} extension member, or null when there is nothing to list. */
    static JsonArray errors(List<Violation> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        JsonArray errors = new JsonArray();
        for (Violation violation : violations) {
            errors.add(new JsonObject().put("location", violation.location()).put("reason", violation.reason()));
        }
        return errors;
    }
}
