package dev.bulwark.controlplane.web;

import dev.bulwark.controlplane.kernel.BodyLimits;
import dev.bulwark.controlplane.kernel.ErrorClassifier;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import io.micronaut.http.ServerHttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks what every request carries before any route reads it, so no route can forget:
 * <ul>
 *   <li>a declared body larger than the route's limit ({@link BodyLimits}: 2 MB, 20 MB where an
 *       OpenAPI document travels) is refused with 413 naming the limit, also on routes that read no
 *       body (Micronaut enforces its own, largest, limit only where a body is read);</li>
 *   <li>a chunked body (no declared length) is counted while it arrives and refused with the same
 *       413 as soon as it passes the route's limit ({@link ChunkedBodyLimit}), instead of being
 *       buffered up to Micronaut's largest limit;</li>
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
    public CompletionStage<@Nullable MutableHttpResponse<?>> guard(HttpRequest<?> request) {
        Object match = RouteAttributes.getRouteMatch(request).orElse(null);
        long limit = Math.min(limitOf(match), maxRequestSize > 0 ? maxRequestSize : Long.MAX_VALUE);
        if (request.getContentLength() > limit) {
            return CompletableFuture.completedFuture(Problems.response(request, ErrorClassifier.payloadTooLarge(limit)));
        }
        MutableHttpResponse<?> refused = checkParameters(request, match);
        if (refused != null || !(request instanceof ServerHttpRequest<?> server)
                || server.byteBody().expectedLength().isPresent()) {
            return CompletableFuture.completedFuture(refused);
        }
        return ChunkedBodyLimit.exceeds(server.byteBody(), limit)
                .thenApply(over -> over ? Problems.response(request, ErrorClassifier.payloadTooLarge(limit)) : null);
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
