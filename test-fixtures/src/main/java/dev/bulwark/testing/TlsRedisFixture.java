package dev.bulwark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test of a client's TLS to Redis needs, made once per test class. Skips the test where
 * {@code openssl} or {@code redis-server} is missing.
 *
 * @param ca             signs the servers' certificates and the client's
 * @param otherCa        signed none of them: a client trusting it must be refused
 * @param client         the client's certificate and key, for Redis's {@code tls-auth-clients}
 * @param server         TLS only, certificate for 127.0.0.1: the one a correct client reaches
 * @param misnamedServer signed by {@code ca}, but for redis.elsewhere.test, not the 127.0.0.1 a client dials
 */
public record TlsRedisFixture(TestCertificateAuthority ca, TestCertificateAuthority otherCa,
                              TestCertificateAuthority.Issued client, TlsRedisServer server, TlsRedisServer misnamedServer)
        implements AutoCloseable {

    /** Starts both servers; {@code clientName} is the client certificate's host name. */
    public static TlsRedisFixture start(String clientName) {
        Assumptions.assumeTrue(TestCertificateAuthority.available() && TlsRedisServer.available(), "needs openssl and redis-server");
        TestCertificateAuthority ca = TestCertificateAuthority.create("redis");
        TestCertificateAuthority otherCa = TestCertificateAuthority.create("other");
        try {
            return new TlsRedisFixture(ca, otherCa, ca.issue("client", clientName),
                    new TlsRedisServer(ca, ca.issue("redis", "localhost", "127.0.0.1")),
                    new TlsRedisServer(ca, ca.issue("redis-elsewhere", "redis.elsewhere.test")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a failure comes from the TLS handshake (untrusted issuer, wrong name), not from the network. */
    public static boolean causedByTls(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        misnamedServer.close();
        ca.close();
        otherCa.close();
    }
}
