package dev.bulwark.controlplane.web;

import dev.bulwark.controlplane.kernel.BodyLimits;
import dev.bulwark.controlplane.kernel.ErrorClassifier;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import java.util.List;
import java.util.Map;

/**
 * Checks what every request carries before any route reads it, so no route can forget:
 * <ul>
 *   <li>a declared body larger than the route's limit ({@link BodyLimits}: 2 MB, 20 MB where an
 *       OpenAPI document travels) is refused with 413 naming the limit, also on routes that read no
 *       body (Micronaut enforces its own, largest, limit only where a body is read);</li>
 *   <li>a chunked body (no declared length) is refused with 411 on routes below Micronaut's largest
 *       limit, which is the only one that would hold it;</li>
 *   <li>a NUL character in a path variable or query parameter is refused with 400 naming it
 *       (PostgreSQL cannot store or compare it; JSON bodies are checked by {@link StrictJsonModule}).</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class InputGuardFilter implements io.micronaut.core.order.Ordered {
    private final long maxRequestSize;

    public InputGuardFilter(HttpServerConfiguration server) {
        this.maxRequestSize = server.getMaxRequestSize();
    }

    /** The body limit of the matched route; the smallest one when no route matched. */
    static long limitOf(Object match) {
        boolean document = match instanceof io.micronaut.web.router.RouteMatch<?> route
                && route.getAnnotationMetadata().hasAnnotation(BodyLimits.Document.class);
        return document ? BodyLimits.DOCUMENT_REQUEST_BYTES : BodyLimits.DEFAULT_BYTES;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> guard(HttpRequest<?> request) {
        Object match = RouteAttributes.getRouteMatch(request).orElse(null);
        long serverLimit = maxRequestSize > 0 ? maxRequestSize : Long.MAX_VALUE;
        long limit = Math.min(limitOf(match), serverLimit);
        if (request.getContentLength() > limit) {
            return Problems.response(request, ErrorClassifier.payloadTooLarge(limit));
        }
        if (limit < serverLimit && hasBodyOfUnknownLength(request)) {
            return Problems.response(request, lengthRequired(limit));
        }
        return checkParameters(request, match);
    }

    /**
     * A chunked body declares no length, so only Micronaut's largest limit (the document routes')
     * would hold it: below that, a length is required instead of buffering up to 20 MB.
     */
    private static boolean hasBodyOfUnknownLength(HttpRequest<?> request) {
        return request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING) && !request.getHeaders().contains(HttpHeaders.CONTENT_LENGTH);
    }

    private static ProblemException lengthRequired(long limit) {
        return new ProblemException(411, "LENGTH_REQUIRED", "Length required",
                "Send the body with a Content-Length (at most " + BodyLimits.describe(limit) + " on this route); bodies of unknown length"
                        + " are accepted only where an OpenAPI document is uploaded", null);
    }

    @Nullable
    private static MutableHttpResponse<?> checkParameters(HttpRequest<?> request, @Nullable Object match) {
        if (match instanceof UriRouteMatch<?, ?> route) {
            for (Map.Entry<String, Object> variable : route.getVariableValues().entrySet()) {
                if (hasNul(String.valueOf(variable.getValue()))) {
                    return Problems.response(request, nul(variable.getKey()));
                }
            }
        }
        for (String name : request.getParameters().names()) {
            List<String> values = request.getParameters().getAll(name);
            if (hasNul(name) || values.stream().anyMatch(InputGuardFilter::hasNul)) {
                return Problems.response(request, nul(hasNul(name) ? "$query" : name));
            }
        }
        return null;
    }

    private static boolean hasNul(String value) {
        return value != null && value.indexOf('\u0000') >= 0;
    }

    private static ProblemException nul(String parameter) {
        return ErrorClassifier.nulCharacter(parameter);
    }

    @Override
    public int getOrder() {
        // After the request id is assigned, before authentication reads anything.
        return ServerFilterPhase.FIRST.after();
    }
}
