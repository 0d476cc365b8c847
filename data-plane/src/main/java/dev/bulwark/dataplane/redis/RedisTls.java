package dev.bulwark.dataplane.redis;

import io.lettuce.core.SslOptions;
import java.nio.file.Path;

/**
 * Trust and identity of the gateway's TLS connections to Redis ({@code rediss://} URLs). Without a CA
 * file the JVM's trust store decides; the server's name is always checked against its certificate.
 *
 * @param caFile   PEM file of the CA(s) that sign Redis's certificates; null: the JVM's default trust store
 * @param certFile PEM certificate chain the gateway presents (Redis's {@code tls-auth-clients}); null: none
 * @param keyFile  PEM (PKCS#8, unencrypted) key of that certificate; set exactly when certFile is
 */
public record RedisTls(Path caFile, Path certFile, Path keyFile) {
    public static final RedisTls DEFAULT = new RedisTls(null, null, null);

    public RedisTls {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a Redis client certificate needs its key, and a key its certificate");
        }
    }

    boolean customised() {
        return caFile != null || certFile != null;
    }

    SslOptions sslOptions() {
        SslOptions.Builder builder = SslOptions.builder().jdkSslProvider();
        if (caFile != null) {
            builder.trustManager(caFile.toFile());
        }
        if (certFile != null) {
            builder.keyManager(certFile.toFile(), keyFile.toFile(), null);
        }
        return builder.build();
    }
}
