package dev.bulwark.controlplane.stream;

import io.lettuce.core.SslOptions;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Trust and identity of the control plane's TLS connections to Redis ({@code bulwark.redis.tls.*},
 * for {@code rediss://} URLs): the same three files, under the same environment variables, as the
 * gateways'. Without a CA file the JVM's trust store decides; the server's name is always checked.
 *
 * @param caFile   PEM CA(s) that sign Redis's certificates (BULWARK_REDIS_TLS_CA_FILE); empty: the JVM's trust store
 * @param certFile PEM certificate chain presented to a Redis with {@code tls-auth-clients} (BULWARK_REDIS_TLS_CERT_FILE)
 * @param keyFile  its unencrypted PKCS#8 PEM key (BULWARK_REDIS_TLS_KEY_FILE); set exactly when certFile is
 */
@ConfigurationProperties("bulwark.redis.tls")
public record RedisTlsSettings(@Nullable Path caFile, @Nullable Path certFile, @Nullable Path keyFile) {
    public static final RedisTlsSettings NONE = new RedisTlsSettings(null, null, null);

    public RedisTlsSettings {
        caFile = readable(caFile, "ca-file", "BULWARK_REDIS_TLS_CA_FILE");
        certFile = readable(certFile, "cert-file", "BULWARK_REDIS_TLS_CERT_FILE");
        keyFile = readable(keyFile, "key-file", "BULWARK_REDIS_TLS_KEY_FILE");
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("bulwark.redis.tls.cert-file and key-file (BULWARK_REDIS_TLS_CERT_FILE and"
                    + " BULWARK_REDIS_TLS_KEY_FILE) must be set together");
        }
    }

    /** Whether any file is set: then only {@code rediss://} URLs make sense. */
    public boolean configured() {
        return caFile != null || certFile != null;
    }

    /**
     * Lettuce's options for these files, none when no file is set (the JVM's trust store). The peer
     * and host name checks are the rediss:// URL's, which {@link StreamRedis} keeps at full.
     */
    Optional<SslOptions> sslOptions() {
        if (!configured()) {
            return Optional.empty();
        }
        SslOptions.Builder options = SslOptions.builder().jdkSslProvider();
        Optional.ofNullable(caFile).ifPresent(ca -> options.trustManager(ca.toFile()));
        Optional.ofNullable(certFile).ifPresent(cert -> options.keyManager(cert.toFile(), keyFile.toFile(), null));
        return Optional.of(options.build());
    }

    // An empty environment variable means "not set"; a set one must name a file this process can read.
    private static Path readable(Path file, String property, String variable) {
        if (file == null || file.toString().isBlank()) {
            return null;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("bulwark.redis.tls." + property + " (" + variable + "): " + file
                    + " is not a readable file");
        }
        return file;
    }
}
