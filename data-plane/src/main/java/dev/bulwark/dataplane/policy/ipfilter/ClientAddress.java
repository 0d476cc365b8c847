package dev.bulwark.dataplane.policy.ipfilter;

import dev.bulwark.contracts.net.IpAddresses;
import java.util.List;

/**
 * Who the client is, given the TCP peer and X-Forwarded-For. The header is believed only when the
 * peer itself is a trusted proxy, and then read from the right: each trusted proxy appends the
 * address it received from, so the right-most address that is not a trusted proxy is the first
 * one no proxy of ours can vouch for — the client. Everything left of it is caller-written.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    /** The client's address text; the peer's when forwarding is not believed. */
    static String resolve(String peer, List<String> forwardedFor, Networks trusted) {
        if (trusted.isEmpty() || forwardedFor.isEmpty() || !trusted.contains(IpAddresses.parseNumeric(peer))) {
            return peer;
        }
        String client = peer;
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] hops = forwardedFor.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = withoutPort(hops[i].trim());
                byte[] address = IpAddresses.parseNumeric(hop);
                if (address == null) {
                    // Only a misbehaving proxy of ours writes garbage here; stop at the last address we vouch for.
                    return client;
                }
                client = hop;
                if (!trusted.contains(address)) {
                    return client;
                }
            }
        }
        return client;
    }

    static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && hop.indexOf(':', colon + 1) < 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }
}
