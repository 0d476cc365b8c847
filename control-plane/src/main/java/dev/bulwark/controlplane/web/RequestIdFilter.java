package dev.bulwark.controlplane.web;

import dev.bulwark.controlplane.kernel.RequestIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token (so a
 * client can correlate), a fresh UUID otherwise; echoed on every response.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements io.micronaut.core.order.Ordered {
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    @RequestFilter
    public void assign(HttpRequest<?> request) {
        String offered = request.getHeaders().get(RequestIds.HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        request.setAttribute(RequestIds.ATTRIBUTE, id);
    }

    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = RequestIds.of(request);
        if (id != null) {
            response.header(RequestIds.HEADER, id);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
