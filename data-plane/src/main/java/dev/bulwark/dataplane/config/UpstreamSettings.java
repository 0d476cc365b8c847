package dev.bulwark.dataplane.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How the gateway talks to upstreams.
 *
 * @param poolSize          keep-alive connections per origin and event loop
 * @param caFile            PEM bundle of extra CAs trusted for https upstreams (null: JDK trust store)
 * @param clientCertFile    PEM client certificate for upstream mTLS (null: none)
 * @param clientKeyFile     PEM key of that certificate
 * @param verifyHost        check the upstream certificate's host name
 * @param breakerFailures   consecutive failures that open an origin's circuit breaker
 * @param breakerOpenMillis how long an open breaker refuses before letting one probe through
 * @param dnsServers        "ip[:port]" of the DNS servers upstream and JWKS names are resolved with; empty for the system's
 * @param breakerStatuses   upstream response statuses (5xx) that count as breaker failures
 * @param http2             offer HTTP/2 by ALPN to https upstreams (HTTP/1.1 when they do not pick it)
 * @param http2Connections  HTTP/2 connections per origin and event loop (each multiplexes its streams)
 */
public record UpstreamSettings(int poolSize, Path caFile, Path clientCertFile, Path clientKeyFile, boolean verifyHost,
                               int breakerFailures, long breakerOpenMillis, List<String> dnsServers, List<Integer> breakerStatuses,
                               boolean http2, int http2Connections) {
    public UpstreamSettings {
        dnsServers = List.copyOf(dnsServers);
        breakerStatuses = List.copyOf(breakerStatuses);
    }
}
