package dev.bulwark.controlplane.domain;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Proves that whoever controls a domain published a claim's token: a TXT record at
 * {@code _bulwark-challenge.<domain>}, or the token served at
 * {@code http://<domain>/.well-known/bulwark-challenge/<token>}.
 *
 * <p>The HTTP check is an outbound request chosen by a tenant, so it is guarded like an SSRF
 * sink: the name is resolved once (through {@link DnsResolver}, never the host's resolver), every
 * address must pass {@link ChallengeAddressPolicy}, the socket connects to that checked address (no
 * second resolution a rebinding DNS server could answer differently), HTTP/1.0 so no redirect is
 * followed and no chunking parsed, short timeouts and a small response cap. Call on a blocking
 * thread, outside any transaction.
 */
@Singleton
public class DomainVerifier {
    static final String TXT_PREFIX = "_bulwark-challenge.";
    static final String HTTP_PATH = "/.well-known/bulwark-challenge/";
    private static final int TIMEOUT_MILLIS = 3000;
    private static final int MAX_RESPONSE_BYTES = 8192;

    /** The outcome of one check: proved, or why not (safe to show the claimant). */
    public record Result(boolean proved, String reason) {
        static Result success() {
            return new Result(true, null);
        }

        static Result failed(String reason) {
            return new Result(false, reason);
        }
    }

    private final DnsResolver dns;
    private final ChallengeAddressPolicy addresses;
    private final int httpPort;

    public DomainVerifier(DnsResolver dns, ChallengeAddressPolicy addresses,
                          @Value("${bulwark.domains.http-challenge-port:80}") int httpPort) {
        this.dns = dns;
        this.addresses = addresses;
        this.httpPort = httpPort;
    }

    public Result byDns(DomainClaim claim) {
        List<String> values;
        try {
            values = dns.txt(TXT_PREFIX + claim.domain());
        } catch (IOException e) {
            return Result.failed("the DNS lookup of " + TXT_PREFIX + claim.domain() + " failed; try again later");
        }
        return values.stream().anyMatch(value -> value.equals(claim.token()))
                ? Result.success()
                : Result.failed("no TXT record at " + TXT_PREFIX + claim.domain() + " carries the claim's token");
    }

    public Result byHttp(DomainClaim claim) {
        List<InetAddress> resolved;
        try {
            resolved = dns.addresses(claim.domain());
        } catch (IOException e) {
            return Result.failed("the DNS lookup of " + claim.domain() + " failed; try again later");
        }
        if (resolved.isEmpty()) {
            return Result.failed(claim.domain() + " has no A or AAAA record");
        }
        if (!resolved.stream().allMatch(addresses::permits)) {
            return Result.failed(claim.domain() + " resolves to an address that is not public");
        }
        InetAddress target = resolved.get(0);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target, httpPort), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + HTTP_PATH + claim.token() + " HTTP/1.0\r\nHost: " + claim.domain()
                    + "\r\nUser-Agent: bulwark-domain-verification\r\nAccept: text/plain\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = read(socket.getInputStream());
            int headerEnd = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.") || response.length() < 12 || headerEnd < 0) {
                return Result.failed("the challenge URL did not answer with HTTP");
            }
            if (!response.startsWith("200", 9)) {
                return Result.failed("the challenge URL answered " + response.substring(9, 12) + ", not 200 (redirects are not followed)");
            }
            return response.substring(headerEnd + 4).strip().equals(claim.token())
                    ? Result.success()
                    : Result.failed("the challenge URL did not answer with the claim's token");
        } catch (IOException e) {
            return Result.failed("the challenge URL could not be fetched");
        }
    }

    /** Reads to the end or to the cap; a longer answer is cut and so cannot match the token. */
    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[2048];
        int n;
        while (buffer.size() < MAX_RESPONSE_BYTES && (n = in.read(chunk, 0, Math.min(chunk.length, MAX_RESPONSE_BYTES - buffer.size()))) > 0) {
            buffer.write(chunk, 0, n);
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
