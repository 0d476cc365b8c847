package dev.bulwark.dataplane.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11's HTTP/1.1 attacks against a real gateway and a real upstream that records raw bytes
 * (AbuseArena). Each test asserts what the attacker gets, what the upstream received, and that a
 * bystander of another tenant's API saw no error and no wait (Bystander).
 */
@ExtendWith(RealServicesExtension.class)
class Http1AbuseTest {
    static AbuseArena arena;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        arena = new AbuseArena(redis, Map.of());
    }

    @AfterAll
    static void stop() {
        arena.close();
    }

    @Test
    void badChunkSizesInOnePacketAreRefusedNeverForwardedAndCannotOpenTheBreaker() throws Exception {
        try (Bystander bystander = arena.bystander()) {
            for (int i = 0; i < 8; i++) {
                String reply = exchange("POST /a/zz-" + i + " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n");
                assertThat(reply).startsWith("HTTP/1.1 400").contains("REQUEST_BODY_INVALID");
            }
            assertThat(arena.upstream.complete).noneMatch(request -> request.contains("/zz-"));
            assertThat(arena.breakerState("attacked")).isZero();
            assertThat(exchange("GET /a/after-zz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
            bystander.assertUnharmed();
        }
    }

    @Test
    void abortedUploadsAreAbortedUpstreamAndCannotOpenTheBreaker() throws Exception {
        try (Bystander bystander = arena.bystander()) {
            for (int i = 0; i < 4; i++) {
                abort("POST /a/cut-" + i + " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "/cut-" + i);
                abort("POST /a/short-" + i + " HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n0123456789", "/short-" + i);
            }
            assertThat(arena.upstream.complete).noneMatch(request -> request.contains("/cut-") || request.contains("/short-"));
            assertThat(arena.upstream.incomplete).anyMatch(request -> request.contains("/cut-0") && request.endsWith("5\r\nhello\r\n"));
            assertThat(arena.breakerState("attacked")).isZero();
            bystander.assertUnharmed();
        }
    }

    @Test
    void aBadChunkMidStreamIsA400AndTheUpstreamRequestIsAbortedAtOnce() throws Exception {
        try (Bystander bystander = arena.bystander(); Socket socket = arena.attackerSocket()) {
            socket.setSoTimeout(5_000);
            write(socket, "POST /a/midstream HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            soon().until(() -> arena.upstream.openConnectionsWith("/midstream") == 1);
            write(socket, "zz\r\nworld\r\n0\r\n\r\n");
            assertThat(readAll(socket)).startsWith("HTTP/1.1 400").contains("REQUEST_BODY_INVALID");
            // aborted, not left to the 30 s read timeout
            soon().atMost(Duration.ofSeconds(2)).until(() -> arena.upstream.openConnectionsWith("/midstream") == 0);
            assertThat(arena.upstream.complete).noneMatch(request -> request.contains("/midstream"));
            assertThat(arena.breakerState("attacked")).isZero();
            bystander.assertUnharmed();
        }
    }

    @Test
    void smugglingAttemptsAreRefusedAndNothingSmuggledReachesTheUpstream() throws Exception {
        String smuggled = "GET /a/smuggled HTTP/1.1\r\nHost: a\r\n\r\n";
        try (Bystander bystander = arena.bystander()) {
            for (String attack : List.of(
                    "GET /a/x\tHTTP/1.1\r\nHost: a\r\n\r\n" + smuggled,
                    "POST /a/x HTTP/1.1\r\nHost: a\r\nTransfer_Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n" + smuggled,
                    "POST /a/x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
                    "POST /a/x HTTP/1.1\r\nHost: a\r\n: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n" + smuggled,
                    "POST /a/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + smuggled)) {
                String reply = exchange(attack);
                assertThat(reply).as(attack).matches("(?s)HTTP/1\\.[01] 400 .*"); // a head too broken to read gets HTTP/1.0
                assertThat(reply.indexOf("HTTP/1.", 1)).as("one answer, then the connection closed: %s", attack).isNegative();
            }
            assertThat(arena.upstream.everything()).doesNotContain("/smuggled");
            bystander.assertUnharmed();
        }
    }

    @Test
    void pathsAnUpstreamCouldReadDifferentlyAreRefused() throws Exception {
        try (Bystander bystander = arena.bystander()) {
            for (String path : List.of("/a/%252e%252e%252fb/ping", "/a/%c0%ae%c0%ae/b/ping", "/a\\..\\b/ping", "/a/%2e%2e/b/ping")) {
                assertThat(exchange("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")).as(path)
                        .startsWith("HTTP/1.1 400").contains("REQUEST_PATH_INVALID");
            }
            assertThat(arena.upstream.everything()).doesNotContain("%252e").doesNotContain("%c0").doesNotContain("\\");
            bystander.assertUnharmed();
        }
    }

    @Test
    void slowlorisHeadsAreCutOffByTheHeaderTimeout() throws Exception {
        double before = arena.closedConnections("header_timeout");
        try (Bystander bystander = arena.bystander()) {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                Socket socket = arena.attackerSocket();
                socket.setSoTimeout(3_000);
                write(socket, "GET /a/slowloris HTTP/1.1\r\n");
                sockets.add(socket);
            }
            // one more header byte per connection every 100 ms, as long as the gateway lets it
            List<Socket> open = new ArrayList<>(sockets);
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                open.removeIf(socket -> !writeQuietly(socket, "X"));
                Thread.sleep(100); // the attack's own pacing
            }
            for (Socket socket : sockets) {
                String reply = readAll(socket);
                assertThat(reply).startsWith("HTTP/1.1 408").contains("REQUEST_HEADER_TIMEOUT");
                socket.close();
            }
            assertThat(arena.closedConnections("header_timeout") - before).isGreaterThanOrEqualTo(15);
            assertThat(arena.upstream.everything()).doesNotContain("/slowloris");
            bystander.assertUnharmed();
        }
    }

    @Test
    void aBodyTrickledSlowerThanTheFloorIsCutOffAndAbortedUpstream() throws Exception {
        try (Bystander bystander = arena.bystander(); Socket socket = arena.attackerSocket()) {
            socket.setSoTimeout(5_000);
            write(socket, "POST /a/trickle HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (writeQuietly(socket, "x") && System.nanoTime() < deadline && socket.getInputStream().available() == 0) {
                Thread.sleep(50); // 20 bytes/s against a floor of 1000 bytes/s
            }
            assertThat(readAll(socket)).startsWith("HTTP/1.1 408").contains("REQUEST_BODY_TIMEOUT");
            soon().atMost(Duration.ofSeconds(2)).until(() -> arena.upstream.openConnectionsWith("/trickle") == 0);
            assertThat(arena.upstream.complete).noneMatch(request -> request.contains("/trickle"));
            assertThat(arena.breakerState("attacked")).isZero();
            bystander.assertUnharmed();
        }
    }

    @Test
    void connectionsFromOneAddressAreCappedAndIdleOnesClosed() throws Exception {
        double refusedBefore = arena.closedConnections("max_connections_per_client");
        double idleBefore = arena.closedConnections("idle_timeout");
        try (Bystander bystander = arena.bystander()) {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < AbuseArena.PER_CLIENT_CAP + 10; i++) {
                sockets.add(arena.attackerSocket());
            }
            soon().until(() -> arena.closedConnections("max_connections_per_client") - refusedBefore >= 10);
            int closedAtOnce = 0;
            for (Socket socket : sockets) {
                socket.setSoTimeout(10);
                if (closedNow(socket)) {
                    closedAtOnce++;
                }
            }
            assertThat(closedAtOnce).as("connections over the cap of " + AbuseArena.PER_CLIENT_CAP).isEqualTo(10);
            // the others never send a byte: the idle timeout (2 s here) closes them
            for (Socket socket : sockets) {
                socket.setSoTimeout(3_000);
                assertThat(readAll(socket)).isEmpty();
                socket.close();
            }
            assertThat(arena.closedConnections("idle_timeout") - idleBefore).isGreaterThanOrEqualTo(AbuseArena.PER_CLIENT_CAP);
            bystander.assertUnharmed();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    /** Sends {@code request} from the attacker's address and reads until the gateway closes the connection. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = arena.attackerSocket()) {
            socket.setSoTimeout(5_000);
            writeQuietly(socket, request);
            return readAll(socket);
        }
    }

    /** Sends part of a request, waits until the upstream request is under way, then closes the connection. */
    private static void abort(String partial, String marker) throws Exception {
        try (Socket socket = arena.attackerSocket()) {
            write(socket, partial);
            soon().until(() -> arena.upstream.openConnectionsWith(marker) == 1);
        }
        // the gateway aborts the upstream request at once, well before any timeout
        soon().atMost(Duration.ofSeconds(2)).until(() -> arena.upstream.openConnectionsWith(marker) == 0);
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static boolean writeQuietly(Socket socket, String text) {
        try {
            write(socket, text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Everything the gateway sends until it closes; a read timeout fails the test (the gateway left it open). */
    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway kept the connection open; received so far: " + text, e);
        } catch (IOException e) {
            // reset by the gateway: what arrived before still counts
        }
        return text.toString();
    }

    /** True when the gateway has closed the connection (EOF or reset) within the socket's timeout. */
    private static boolean closedNow(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
