package dev.bulwark.controlplane.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.InetSocketAddress;

/** Resolves each request's client address once (see {@link TrustedProxies}); read it with {@link #of}. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ClientAddressFilter implements io.micronaut.core.order.Ordered {
    static final String ATTRIBUTE = "bulwark.client-address";

    private final TrustedProxies proxies;

    public ClientAddressFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @RequestFilter
    public void resolve(HttpRequest<?> request) {
        String client = proxies.clientAddress(peer(request), request.getHeaders().getAll("X-Forwarded-For"));
        if (client != null) {
            request.setAttribute(ATTRIBUTE, client);
        }
    }

    /** The client's address (null when unknown): resolved by this filter, or the peer's when the filter did not run. */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> peer(request));
    }

    private static String peer(HttpRequest<?> request) {
        InetSocketAddress address = request.getRemoteAddress();
        return address == null || address.getAddress() == null ? null : address.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }
}
