package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.net.Endpoint;
import dev.bulwark.contracts.net.IpAddresses;
import io.vertx.core.net.SocketAddress;
import java.util.List;

/**
 * The platform's own endpoints (control plane, gateway status and traffic ports) that an API's
 * snapshot entry lists as never to be used as an upstream. Checked against the address the
 * connection really reached, so a name that resolves elsewhere later (DNS rebinding) is caught too.
 */
final class PlatformEndpoints {
    private PlatformEndpoints() {
    }

    /** Whether {@code peer} is one of {@code denied}; no list (the common case) costs nothing. */
    static boolean refused(List<String> denied, SocketAddress peer) {
        if (denied == null || peer == null || peer.hostAddress() == null) {
            return false;
        }
        byte[] address = IpAddresses.parseNumeric(peer.hostAddress());
        if (address == null) {
            return false;
        }
        for (String text : denied) {
            if (Endpoint.parse(text).matches(address, peer.port())) {
                return true;
            }
        }
        return false;
    }
}
