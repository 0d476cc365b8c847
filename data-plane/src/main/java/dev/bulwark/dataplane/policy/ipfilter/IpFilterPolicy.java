package dev.bulwark.dataplane.policy.ipfilter;

import dev.bulwark.contracts.net.IpAddresses;
import dev.bulwark.contracts.policy.IpFilterConfig;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;

/**
 * Allows or denies the client by network. Deny wins over allow; a non-empty allow list denies
 * everyone else; an address that cannot be parsed matches nothing, so it is denied whenever an
 * allow list exists.
 */
public final class IpFilterPolicy implements Policy {
    private static final PolicyFailure DENIED = new PolicyFailure(403, "IP_DENIED", "Requests from this address are not allowed");

    private final Networks allow;
    private final Networks deny;
    private final Networks trustedProxies;

    public IpFilterPolicy(IpFilterConfig config) {
        this.allow = Networks.parse(config.allow());
        this.deny = Networks.parse(config.deny());
        this.trustedProxies = Networks.parse(config.trustedProxies());
    }

    @Override
    public String id() {
        return PolicyType.IP_FILTER;
    }

    @Override
    public int order() {
        return PolicyOrder.IP_FILTER;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        SocketAddress remote = context.request().remoteAddress();
        String peer = remote == null ? null : remote.hostAddress();
        String client = peer == null ? null
                : ClientAddress.resolve(peer, context.request().headers().getAll("X-Forwarded-For"), trustedProxies);
        if (client != null && !client.equals(context.clientIp())) {
            context.refineClientIp(client);
        }
        return admits(client == null ? null : IpAddresses.parseNumeric(client)) ? CONTINUE : Future.failedFuture(DENIED);
    }

    boolean admits(byte[] address) {
        if (deny.contains(address)) {
            return false;
        }
        return allow.isEmpty() ? address != null || deny.isEmpty() : allow.contains(address);
    }
}
