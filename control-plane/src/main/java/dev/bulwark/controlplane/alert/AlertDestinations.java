package dev.bulwark.controlplane.alert;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.api.PrivateUpstreams;
import dev.bulwark.controlplane.api.UpstreamGuard;
import dev.bulwark.controlplane.kernel.TenantId;
import jakarta.inject.Singleton;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Keeps alert channels from reaching Bulwark's own network (SSRF) with the same rules as API
 * upstreams ({@link UpstreamGuard}): no loopback, link-local, private or metadata address unless the
 * platform operator granted that network to the tenant, never a platform endpoint. Checked when the
 * channel is saved and again before every attempt (a DNS answer may have changed); every
 * connection (webhook, Slack, syslog) goes to the very address that was checked, resolved once per
 * attempt. Call on a blocking thread.
 */
@Singleton
class AlertDestinations {
    private final UpstreamGuard guard;
    private final PrivateUpstreams privateUpstreams;

    AlertDestinations(UpstreamGuard guard, PrivateUpstreams privateUpstreams) {
        this.guard = guard;
        this.privateUpstreams = privateUpstreams;
    }

    /** The problem with an http(s) destination named {@code field}, or null. */
    Violation checkUrl(TenantId tenant, String url, String field) {
        return guard.checkOne(url, allowance(tenant), field);
    }

    /** The problem with a syslog host and port named {@code field}, or null. */
    Violation checkHost(TenantId tenant, String host, int port, String field) {
        if (host.isBlank() || host.length() > 253 || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@' || c == '?' || c == '#')) {
            return new Violation(field, "must be a host name or an IP address");
        }
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        Violation problem = guard.checkOne("https://" + literal + ":" + port + "/", allowance(tenant), field);
        return problem == null ? null : new Violation(field, problem.message());
    }

    /**
     * Resolves a destination host once to an address that passes the check, or throws naming why none
     * does. The caller connects to this very address (no second lookup: DNS rebinding).
     */
    InetAddress resolve(TenantId tenant, String host, int port) throws UnknownHostException {
        return resolve(guard, allowance(tenant), host, port);
    }

    static InetAddress resolve(UpstreamGuard guard, UpstreamGuard.Allowance allowance, String host, int port)
            throws UnknownHostException {
        String refusal = "no address";
        for (InetAddress address : InetAddress.getAllByName(host)) {
            String literal = address instanceof Inet6Address ? "[" + address.getHostAddress().replaceAll("%.*", "") + "]"
                    : address.getHostAddress();
            Violation problem = guard.checkOne("https://" + literal + ":" + port + "/", allowance, "host");
            if (problem == null) {
                return address;
            }
            refusal = problem.message();
        }
        throw new UnknownHostException("destination refused: " + refusal);
    }

    private UpstreamGuard.Allowance allowance(TenantId tenant) {
        return privateUpstreams.allowance(tenant, true);
    }
}
