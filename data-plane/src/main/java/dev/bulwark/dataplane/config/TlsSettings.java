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
 */
public record TlsSettings(Path certificateFile, Path keyFile, List<String> protocols, List<String> cipherSuites,
                          ClientAuthMode clientAuth, Path clientCaFile) {
    public enum ClientAuthMode { NONE, REQUEST, REQUIRE }

    public TlsSettings {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    public boolean enabled() {
        return certificateFile != null;
    }
}
