package dev.bulwark.controlplane.web;

import dev.bulwark.contracts.net.Cidr;
import dev.bulwark.contracts.net.IpAddresses;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Who the client is when the control plane sits behind load balancers ({@code bulwark.http.trusted-proxies},
 * a list of CIDRs, empty by default). The client is the peer address, unless the peer is a trusted
 * proxy: then it is the right-most address in {@code X-Forwarded-For} that is not itself a trusted
 * proxy. Addresses further left were written by the client and prove nothing, so they are never
 * believed; without configured proxies the header is ignored altogether.
 */
@Singleton
public class TrustedProxies {
    private final List<Cidr> proxies;

    public TrustedProxies(@Value("${bulwark.http.trusted-proxies:}") List<String> proxies) {
        this.proxies = proxies.stream().map(String::strip).filter(text -> !text.isEmpty()).map(TrustedProxies::cidr).toList();
    }

    /**
     * @param peer          the address the connection came from, or null when unknown
     * @param forwardedFor  every {@code X-Forwarded-For} header value, in order
     * @return the client's address, or null when the peer is unknown
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (peer == null) {
            return null;
        }
        if (proxies.isEmpty() || !trusted(peer)) {
            return peer;
        }
        String client = peer;
        List<String> hops = forwardedFor.stream().flatMap(value -> java.util.Arrays.stream(value.split(","))).map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = IpAddresses.parseNumeric(hops.get(i));
            if (hop == null) {
                // Garbage where an address should be: stop at the last hop a trusted proxy vouched for.
                return client;
            }
            client = IpAddresses.format(hop);
            if (!trusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        byte[] bytes = IpAddresses.parseNumeric(address);
        return bytes != null && proxies.stream().anyMatch(proxy -> proxy.contains(bytes));
    }

    private static Cidr cidr(String text) {
        try {
            return Cidr.parse(text.contains("/") ? text : text + (text.contains(":") ? "/128" : "/32"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bulwark.http.trusted-proxies: " + text + " is not an address or CIDR", e);
        }
    }
}
