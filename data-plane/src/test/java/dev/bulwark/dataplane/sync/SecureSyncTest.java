package dev.bulwark.dataplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.sync.Ack;
import dev.bulwark.contracts.sync.Heartbeat;
import dev.bulwark.contracts.sync.Hello;
import dev.bulwark.contracts.sync.SnapshotFull;
import dev.bulwark.contracts.sync.SyncMessage;
import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.config.SettingsException;
import dev.bulwark.testing.TestCertificateAuthority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gateway to control plane over {@code wss}, the real sync client against a TLS server the test
 * starts with certificates of its own CA, requiring the gateway's client certificate (mutual TLS): with
 * the configured CA the snapshot arrives and is acknowledged; a control plane whose certificate is not
 * signed by that CA, or names another host, never receives the gateway's hello, nor its credential.
 */
class SecureSyncTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String PEPPER = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";

    private final Vertx vertx = Vertx.vertx();
    private final List<SyncMessage> received = new CopyOnWriteArrayList<>();
    private final List<String> credentials = new CopyOnWriteArrayList<>();
    private final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    private final List<Throwable> handshakeFailures = new CopyOnWriteArrayList<>();
    private TestCertificateAuthority ca;
    private TestCertificateAuthority otherCa;
    private TestCertificateAuthority.Issued gateway;

    @BeforeEach
    void certificates() {
        Assumptions.assumeTrue(TestCertificateAuthority.available(), "needs openssl");
        ca = TestCertificateAuthority.create("platform");
        otherCa = TestCertificateAuthority.create("other");
        gateway = ca.issue("gateway", "gw-1.bulwark.test");
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        if (ca != null) {
            ca.close();
            otherCa.close();
        }
    }

    @Test
    void aControlPlaneSignedByTheConfiguredCaSyncsOverMutualTls() throws Exception {
        HttpServer server = controlPlane(ca.issue("control-plane", "127.0.0.1"));
        DataPlaneSync sync = gateway(server.actualPort(), ca);
        RecordingSink applier = lastSink;

        await().atMost(PATIENCE).until(() -> hellos().size() == 1);
        assertThat(credentials).containsOnly("Bearer bwdp_tls");
        assertThat(clientSubjects).containsExactly("CN=gw-1.bulwark.test");
        Snapshot v1 = Snapshots.version(1, "production");
        sockets.getFirst().writeTextMessage(SyncJson.write(new SnapshotFull(v1)));
        await().atMost(PATIENCE).until(() -> received.contains(new Ack(1, v1.contentHash())));
        assertThat(applier.applied).extracting(Snapshot::version).containsExactly(1L);
        sync.stop().await(5, TimeUnit.SECONDS);
    }

    @Test
    void aControlPlaneSignedByAnotherCaIsRefused() throws Exception {
        HttpServer server = controlPlane(otherCa.issue("impostor", "127.0.0.1"));
        DataPlaneSync sync = gateway(server.actualPort(), ca);
        assertRefusedDuringHandshake();
        sync.stop().await(5, TimeUnit.SECONDS);
    }

    @Test
    void aControlPlaneCertificateForAnotherHostIsRefused() throws Exception {
        HttpServer server = controlPlane(ca.issue("elsewhere", "cp.elsewhere.test"));
        DataPlaneSync sync = gateway(server.actualPort(), ca);
        assertRefusedDuringHandshake();
        sync.stop().await(5, TimeUnit.SECONDS);
    }

    @Test
    void tlsFilesNeedAWssUrl() {
        Map<String, String> env = env("ws://127.0.0.1:1/sync/v1", ca);
        assertThatThrownBy(() -> GatewaySettings.from(env)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("BULWARK_GW_CONTROL_PLANE_CA_FILE").hasMessageContaining("wss://");
    }

    /** The gateway aborts the handshake (seen by the server), reconnects, and never gets as far as its hello. */
    private void assertRefusedDuringHandshake() {
        await().atMost(PATIENCE).until(() -> handshakeFailures.size() >= 2);
        assertThat(handshakeFailures).allSatisfy(error -> assertThat(error).isInstanceOf(SSLHandshakeException.class));
        assertThat(sockets).isEmpty();
        assertThat(credentials).as("the credential is never sent to an unverified server").isEmpty();
        assertThat(received).isEmpty();
    }

    private final List<io.vertx.core.http.ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private RecordingSink lastSink;

    private HttpServer controlPlane(TestCertificateAuthority.Issued certificate) throws Exception {
        HttpServerOptions options = new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.certificate().toString())
                        .setKeyPath(certificate.key().toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(ca.certificate().toString()))
                .setClientAuth(ClientAuth.REQUIRED);
        return vertx.createHttpServer(options)
                .exceptionHandler(handshakeFailures::add)
                .webSocketHandler(ws -> {
                    credentials.add(ws.headers().get("Authorization"));
                    try {
                        clientSubjects.add(ws.sslSession().getPeerPrincipal().getName());
                    } catch (Exception e) {
                        clientSubjects.add("none");
                    }
                    sockets.add(ws);
                    ws.textMessageHandler(text -> {
                        try {
                            received.add(SyncJson.read(text));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    // The gateway says hello once the control plane has spoken (it accepted the credential).
                    ws.writeTextMessage(SyncJson.write(new Heartbeat(Instant.now(), 0)));
                })
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    private DataPlaneSync gateway(int port, TestCertificateAuthority trusted) throws Exception {
        SyncSettings settings = GatewaySettings.from(env("wss://127.0.0.1:" + port + "/sync/v1", trusted)).sync();
        lastSink = new RecordingSink();
        DataPlaneSync sync = DataPlaneSync.create(vertx, settings, "gw-tls", "production", lastSink, new SimpleMeterRegistry());
        sync.start().await(10, TimeUnit.SECONDS);
        return sync;
    }

    private Map<String, String> env(String url, TestCertificateAuthority trusted) {
        Map<String, String> env = new HashMap<>();
        env.put("BULWARK_API_KEY_PEPPER", PEPPER);
        env.put("BULWARK_GW_CONTROL_PLANE_URL", url);
        env.put("BULWARK_GW_CREDENTIAL", "bwdp_tls");
        env.put("BULWARK_GW_CONTROL_PLANE_CA_FILE", trusted.certificate().toString());
        env.put("BULWARK_GW_CONTROL_PLANE_CLIENT_CERT_FILE", gateway.certificate().toString());
        env.put("BULWARK_GW_CONTROL_PLANE_CLIENT_KEY_FILE", gateway.key().toString());
        env.put("BULWARK_GW_LKG_FILE", ca.certificate().resolveSibling("unused-lkg").toString());
        return env;
    }

    private List<Hello> hellos() {
        return received.stream().filter(Hello.class::isInstance).map(Hello.class::cast).toList();
    }
}
