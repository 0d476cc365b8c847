package dev.bulwark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A certificate authority of one test run, made with the {@code openssl} command line: a CA
 * certificate, and server or client certificates it signs, all as PEM files (keys unencrypted
 * PKCS#8), as Redis, PostgreSQL and Vert.x read them. Valid for two days from now, so nothing ties a
 * test to a date. Tests of encryption between components start real TLS servers with these and check
 * that a client trusting another CA, or expecting another name, is refused.
 */
public final class TestCertificateAuthority implements AutoCloseable {
    private final Path directory;
    private final Path certificate;
    private final Path key;

    /** A certificate and its private key. */
    public record Issued(Path certificate, Path key) {
    }

    private TestCertificateAuthority(Path directory, Path certificate, Path key) {
        this.directory = directory;
        this.certificate = certificate;
        this.key = key;
    }

    /** Whether the {@code openssl} command is installed. */
    public static boolean available() {
        try {
            return new ProcessBuilder("openssl", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static TestCertificateAuthority create(String name) {
        Path directory = TempDirectories.create("test-ca");
        Path certificate = directory.resolve(name + "-ca.crt");
        Path key = directory.resolve(name + "-ca.key");
        openssl(directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=" + name + " test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return new TestCertificateAuthority(directory, certificate, key);
    }

    /** The CA certificate (PEM), the trust anchor clients are configured with. */
    public Path certificate() {
        return certificate;
    }

    /**
     * A certificate for {@code names} (DNS names or IP addresses, all in the subject alternative
     * name; the first is also the common name), good for both server and client authentication.
     */
    public Issued issue(String file, String... names) {
        Path issuedKey = directory.resolve(file + ".key");
        Path request = directory.resolve(file + ".csr");
        Path issued = directory.resolve(file + ".crt");
        Path extensions = directory.resolve(file + ".ext");
        String alternatives = List.of(names).stream()
                .map(name -> (name.matches("[0-9.]+") || name.contains(":") ? "IP:" : "DNS:") + name)
                .collect(Collectors.joining(","));
        try {
            Files.writeString(extensions, "subjectAltName=" + alternatives + "\nbasicConstraints=CA:FALSE\n"
                    + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(directory, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", issuedKey.toString(), "-out", request.toString(), "-subj", "/CN=" + names[0]);
        openssl(directory, "x509", "-req", "-in", request.toString(), "-CA", certificate.toString(), "-CAkey", key.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", extensions.toString(), "-out", issued.toString());
        return new Issued(issued, issuedKey);
    }

    private static void openssl(Path directory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        TempDirectories.delete(directory);
    }
}
