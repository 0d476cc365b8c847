package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.config.EdgeSettings;
import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.config.TlsSettings;
import dev.bulwark.dataplane.config.UpstreamSettings;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Translates the typed settings into Vert.x server and client options. */
public final class TransportOptions {
    private static final Logger LOG = LoggerFactory.getLogger(TransportOptions.class);
    private static volatile boolean openSslWarned;

    private TransportOptions() {
    }

    public static HttpServerOptions server(GatewaySettings settings) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setTcpNoDelay(true)
                .setHttp2ClearTextEnabled(settings.http2() && settings.edge().http2Cleartext())
                .setAlpnVersions(settings.http2() ? List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1) : List.of(HttpVersion.HTTP_1_1));
        EdgeSettings edge = settings.edge();
        // HTTP/2 abuse: streams per connection, decoded header bytes (HPACK bombs), the HPACK table a
        // client may make the gateway keep, and stream resets per window (rapid reset). Netty also
        // bounds CONTINUATION frames and queued control-frame answers by default.
        options.setInitialSettings(new Http2Settings()
                        .setMaxConcurrentStreams(edge.http2MaxConcurrentStreams())
                        .setMaxHeaderListSize(edge.http2MaxHeaderListSize())
                        .setHeaderTableSize(4_096))
                .setHttp2RstFloodMaxRstFramePerWindow(edge.http2MaxResets())
                .setHttp2RstFloodWindowDuration((int) Math.max(1, edge.http2FloodWindow().toSeconds()))
                .setHttp2RstFloodWindowDurationTimeUnit(TimeUnit.SECONDS);
        TlsSettings tls = settings.tls();
        if (tls.enabled()) {
            options.setSsl(true)
                    .setSslEngineOptions(effectiveEngine(tls) == TlsSettings.Engine.OPENSSL ? new OpenSSLEngineOptions()
                            : new JdkSSLEngineOptions())
                    .setUseAlpn(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certificateFile().toString())
                            .setKeyPath(tls.keyFile().toString()))
                    .setEnabledSecureTransportProtocols(new LinkedHashSet<>(tls.protocols()));
            tls.cipherSuites().forEach(options::addEnabledCipherSuite);
            options.setClientAuth(switch (tls.clientAuth()) {
                case NONE -> ClientAuth.NONE;
                case REQUEST -> ClientAuth.REQUEST;
                case REQUIRE -> ClientAuth.REQUIRED;
            });
            if (tls.clientCaFile() != null) {
                options.setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCaFile().toString()));
            }
        }
        return options;
    }

    /** The engine the traffic port's TLS runs on: OpenSSL when asked for and loadable, else the JDK's. */
    public static TlsSettings.Engine effectiveEngine(TlsSettings tls) {
        if (tls.engine() == TlsSettings.Engine.OPENSSL && !OpenSSLEngineOptions.isAvailable()) {
            if (!openSslWarned) {
                openSslWarned = true;
                LOG.warn("BULWARK_GW_TLS_ENGINE=openssl but netty-tcnative cannot load here ({}): using the JDK's TLS",
                        io.netty.handler.ssl.OpenSsl.unavailabilityCause() == null ? "no native library"
                                : io.netty.handler.ssl.OpenSsl.unavailabilityCause().getMessage());
            }
            return TlsSettings.Engine.JDK;
        }
        return tls.engine();
    }

    public static HttpClientOptions client(GatewaySettings settings) {
        UpstreamSettings upstream = settings.upstream();
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setVerifyHost(upstream.verifyHost())
                .setDecompressionSupported(false)
                // each request names its protocol (UpstreamRequests.options); the client's own version
                // is the highest it may be asked for. HTTP/2 over TLS is negotiated, and cleartext
                // HTTP/2 only goes to h2c origins, with prior knowledge
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                .setHttp2ClearTextUpgrade(false);
        if (upstream.caFile() != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(upstream.caFile().toString()));
        }
        if (upstream.clientCertFile() != null) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(upstream.clientCertFile().toString())
                    .setKeyPath(upstream.clientKeyFile().toString()));
        }
        return options;
    }

    public static PoolOptions pool(GatewaySettings settings) {
        // HTTP/2 multiplexes: a connection per origin and event loop carries its concurrent streams
        return new PoolOptions().setHttp1MaxSize(settings.upstream().poolSize())
                .setHttp2MaxSize(settings.upstream().http2Connections());
    }
}
