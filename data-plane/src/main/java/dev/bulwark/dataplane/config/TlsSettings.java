package dev.bulwark.dataplane.config;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS of the traffic port. Disabled when no certificate is configured.
 *
 * @param certificateFile PEM certificate chain, or null for plain HTTP
 * @param keyFile         PEM private key (PKCS#8 or PKCS#1)
 * @param protocols       enabled protocol versions, never below TLSv1.2
 * @param cipherSuites    enabled cipher suites; empty keeps the JDK's defaults for those protocols
 * @param clientAuth      mutual TLS: NONE, REQUEST or REQUIRE
 * @param clientCaFile    PEM bundle of the CAs client certificates must chain to (needed unless NONE)
 * @param engine          who runs the handshakes and record encryption
 */
public record TlsSettings(Path certificateFile, Path keyFile, List<String> protocols, List<String> cipherSuites,
                          ClientAuthMode clientAuth, Path clientCaFile, Engine engine) {
    public enum ClientAuthMode { NONE, REQUEST, REQUIRE }

    /**
     * {@code JDK}: the JDK's SSLEngine. {@code OPENSSL}: BoringSSL through netty-tcnative (bundled for
     * linux-x86_64); where it cannot load, the gateway warns and uses the JDK's.
     */
    public enum Engine { JDK, OPENSSL }

    public TlsSettings {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    public boolean enabled() {
        return certificateFile != null;
    }
}
