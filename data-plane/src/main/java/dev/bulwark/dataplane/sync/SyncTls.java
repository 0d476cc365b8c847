package dev.bulwark.dataplane.sync;

import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;

/**
 * How the gateway checks a {@code wss://} control plane, and what it presents to one that asks for a
 * client certificate. The control plane's host name is always verified against its certificate; a
 * certificate not signed by the configured CA (or, without one, by the JVM's trust store) ends the
 * handshake before the credential is sent.
 *
 * @param caFile   PEM file of the CA(s) that sign the control plane's certificate; null: the JVM's trust store
 * @param certFile PEM certificate the gateway presents (mutual TLS); null: none
 * @param keyFile  PEM (PKCS#8) key of that certificate; set exactly when certFile is
 */
public record SyncTls(Path caFile, Path certFile, Path keyFile) {
    public static final SyncTls DEFAULT = new SyncTls(null, null, null);

    public SyncTls {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
    }

    /** Applies trust and identity to the sync client's options; host-name verification stays on. */
    WebSocketClientOptions apply(WebSocketClientOptions options) {
        options.setVerifyHost(true).setTrustAll(false);
        if (caFile != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()));
        }
        if (certFile != null) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile.toString()).setKeyPath(keyFile.toString()));
        }
        return options;
    }
}
