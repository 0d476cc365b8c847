package dev.bulwark.dataplane.policy.limits;

import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.RequestLimitsConfig;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * Bounds what a request may cost before anything expensive runs: the request target (414), the
 * header block (431), and the body (413). A declared Content-Length above the bound is refused at
 * once; a streamed (chunked) body is counted while the proxy forwards it, through
 * {@link RequestContext#maxBodyBytes()} and {@link BodyLimit}.
 */
public final class RequestLimitsPolicy implements Policy {
    private final RequestLimitsConfig config;
    private final PolicyFailure uriTooLong;
    private final PolicyFailure headersTooLarge;
    private final PolicyFailure tooLarge;

    public RequestLimitsPolicy(RequestLimitsConfig config) {
        this.config = config;
        this.uriTooLong = new PolicyFailure(414, "URI_TOO_LONG", "The request target exceeds " + config.maxUrlLength() + " bytes");
        this.headersTooLarge = new PolicyFailure(431, "HEADERS_TOO_LARGE",
                "The request headers exceed " + config.maxHeaderCount() + " fields or " + config.maxHeaderBytes() + " bytes");
        this.tooLarge = BodyLimit.failure(config.maxBodyBytes());
    }

    @Override
    public String id() {
        return PolicyType.REQUEST_LIMITS;
    }

    @Override
    public int order() {
        return PolicyOrder.REQUEST_LIMITS;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > config.maxUrlLength()) {
            return Future.failedFuture(uriTooLong);
        }
        MultiMap headers = request.headers();
        if (headers.size() > config.maxHeaderCount() || headerBytes(headers) > config.maxHeaderBytes()) {
            return Future.failedFuture(headersTooLarge);
        }
        String declared = headers.get("Content-Length");
        if (declared != null && exceeds(declared, config.maxBodyBytes())) {
            return Future.failedFuture(tooLarge);
        }
        context.limitBody(config.maxBodyBytes());
        return CONTINUE;
    }

    /** Header names and values as they travel (Latin-1: one byte per character), plus ": " and CRLF. */
    static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static boolean exceeds(String declared, long max) {
        try {
            return Long.parseLong(declared.trim()) > max;
        } catch (NumberFormatException e) {
            // The HTTP codec refuses a malformed Content-Length before policies run; never admit one here.
            return true;
        }
    }
}
