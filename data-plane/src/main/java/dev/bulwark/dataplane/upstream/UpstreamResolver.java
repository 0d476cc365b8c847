package dev.bulwark.dataplane.upstream;

import dev.bulwark.contracts.net.IpAddresses;
import dev.bulwark.contracts.net.UpstreamAddresses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.internal.resolver.NameResolver;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect-time SSRF defence: resolves an upstream or JWKS host with Vert.x's asynchronous resolver
 * (Netty DNS, answers cached for their TTL, the hosts file first; the event loop never waits),
 * checks every address of the answer against the API's {@link AddressGuard}, and hands back the
 * checked address as an already-resolved socket address, so the connection goes to exactly that
 * address and nothing resolves the name a second time (DNS rebinding). The caller keeps the
 * original host for the Host header and TLS SNI/verification.
 *
 * <p>A name whose answer holds any refused address is refused as a whole: mixing a public address
 * with 127.0.0.1 in one answer is an attack, not a configuration.
 */
public final class UpstreamResolver {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamResolver.class);

    private final NameResolver resolver;
    private final Counter forbiddenUpstream;
    private final Counter forbiddenJwks;

    /** @param dnsServers "host:port" of the DNS servers to ask; empty for the system's (/etc/resolv.conf) */
    public UpstreamResolver(Vertx vertx, List<String> dnsServers, MeterRegistry metrics) {
        AddressResolverOptions options = new AddressResolverOptions();
        if (!dnsServers.isEmpty()) {
            options.setServers(dnsServers);
        }
        this.resolver = new NameResolver(vertx, options);
        this.forbiddenUpstream = counter(metrics, "upstream");
        this.forbiddenJwks = counter(metrics, "jwks");
    }

    private static Counter counter(MeterRegistry metrics, String target) {
        return Counter.builder("bulwark.upstream.address.forbidden").tag("target", target)
                .description("Connections refused because the resolved address is not allowed for the API").register(metrics);
    }

    /** The checked address of an upstream; fails with {@link ForbiddenAddressException} when refused. */
    public Future<SocketAddress> upstream(Origin origin, AddressGuard guard, String apiId) {
        return resolve(origin.bareHost(), origin.literal(), origin.port(), guard, apiId, forbiddenUpstream);
    }

    /** The checked address of a JWKS host. */
    public Future<SocketAddress> jwks(String host, int port, AddressGuard guard) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return resolve(bare, IpAddresses.parseNumeric(bare), port, guard, "jwks", forbiddenJwks);
    }

    private Future<SocketAddress> resolve(String host, byte[] literal, int port, AddressGuard guard, String apiId, Counter forbidden) {
        if (literal != null) {
            return checked(host, List.of(literal), port, guard, apiId, forbidden);
        }
        return resolver.resolveAll(host).compose(answers -> {
            List<byte[]> addresses = answers.stream().map(a -> a.getAddress().getAddress()).toList();
            if (addresses.isEmpty()) {
                return Future.failedFuture(new UnknownHostException("no address"));
            }
            return checked(host, addresses, port, guard, apiId, forbidden);
        });
    }

    private static Future<SocketAddress> checked(String host, List<byte[]> addresses, int port, AddressGuard guard, String apiId,
                                                 Counter forbidden) {
        for (byte[] address : addresses) {
            UpstreamAddresses.Refusal refusal = guard.refusal(address);
            if (refusal != null) {
                forbidden.increment();
                // Operators need the name and address to investigate; callers never see either.
                LOG.warn("refused to connect to {} ({}) for {}: {} address", host, IpAddresses.format(address), apiId, refusal);
                return Future.failedFuture(new ForbiddenAddressException(refusal));
            }
        }
        try {
            // No host name attached: nothing downstream can resolve the name again.
            InetAddress chosen = InetAddress.getByAddress(addresses.getFirst());
            return Future.succeededFuture(SocketAddress.inetSocketAddress(new InetSocketAddress(chosen, port)));
        } catch (UnknownHostException e) {
            return Future.failedFuture(e);
        }
    }

    public Future<Void> close() {
        return resolver.close();
    }
}
