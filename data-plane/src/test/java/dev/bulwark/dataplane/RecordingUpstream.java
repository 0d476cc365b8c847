package dev.bulwark.dataplane;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An upstream that records the exact bytes it receives, below any HTTP library: each request it
 * read completely (head plus a Content-Length or chunked body, terminating chunk included) and each
 * connection that closed with a partial request. It answers every complete request (or, with
 * {@link #answerAtHead}, every request head) with {@link #status} after {@link #delayMillis}
 * (0 answers at once; -1 never answers).
 */
public final class RecordingUpstream implements AutoCloseable {
    /** Every request read completely, as received (ISO-8859-1). */
    public final ConcurrentLinkedQueue<String> complete = new ConcurrentLinkedQueue<>();
    /** What connections closed with before a request was complete (empty when nothing was pending). */
    public final ConcurrentLinkedQueue<String> incomplete = new ConcurrentLinkedQueue<>();
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger closedConnections = new AtomicInteger();
    public final AtomicLong bytesReceived = new AtomicLong();
    public final AtomicInteger status = new AtomicInteger(200);
    /** Requests whose request line contains this are answered 503 (the default matches nothing). */
    public volatile String failingPath = "\u0000";
    /** Requests whose request line contains this are never answered (the default matches nothing). */
    public volatile String hangingPath = "\u0000";
    public final AtomicLong delayMillis = new AtomicLong();
    /** Answer as soon as a request head has arrived, before its body (as many servers may). */
    public volatile boolean answerAtHead;
    private final Vertx vertx;
    private final NetServer server;
    /** Everything each open connection received, for "was the connection carrying X closed". */
    private final java.util.Map<NetSocket, StringBuilder> receivedBySocket = new java.util.concurrent.ConcurrentHashMap<>();
    /** Bytes of requests still being received, by connection. */
    private final java.util.Map<NetSocket, StringBuilder> pendingBySocket = new java.util.concurrent.ConcurrentHashMap<>();

    private RecordingUpstream(Vertx vertx, NetServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static RecordingUpstream start(Vertx vertx) {
        NetServer server = vertx.createNetServer();
        RecordingUpstream upstream = new RecordingUpstream(vertx, server);
        server.connectHandler(upstream::accept);
        server.listen(0, "127.0.0.1").await();
        return upstream;
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Bytes of every complete request and partial leftover, for "did this ever reach the upstream" checks. */
    public String everything() {
        StringBuilder all = new StringBuilder();
        complete.forEach(all::append);
        incomplete.forEach(all::append);
        return all.toString();
    }

    /** How many connections that received {@code marker} are still open. */
    public long openConnectionsWith(String marker) {
        return receivedBySocket.values().stream().filter(received -> {
            synchronized (received) {
                return received.indexOf(marker) >= 0;
            }
        }).count();
    }

    /** Partial requests of closed connections and of open ones, as received so far. */
    public String incompleteOrPending() {
        StringBuilder all = new StringBuilder();
        incomplete.forEach(all::append);
        // read on the upstream's event loop; a racy snapshot is enough for "has it arrived yet"
        pendingBySocket.values().forEach(pending -> all.append(pending.toString()));
        return all.toString();
    }

    private void accept(NetSocket socket) {
        connections.incrementAndGet();
        StringBuilder pending = new StringBuilder();
        pendingBySocket.put(socket, pending);
        StringBuilder received = new StringBuilder();
        receivedBySocket.put(socket, received);
        boolean[] answered = new boolean[1];
        socket.handler(bytes -> {
            bytesReceived.addAndGet(bytes.length());
            synchronized (received) {
                received.append(bytes.toString(StandardCharsets.ISO_8859_1));
            }
            pending.append(bytes.toString(StandardCharsets.ISO_8859_1));
            if (answerAtHead && !answered[0] && pending.indexOf("\r\n\r\n") >= 0) {
                answered[0] = true;
                answer(socket, statusOf(pending), isHead(pending));
            }
            int length;
            while ((length = completeLength(pending)) > 0) {
                String request = pending.substring(0, length);
                complete.add(request);
                pending.delete(0, length);
                if (!answered[0]) {
                    answer(socket, statusOf(request), isHead(request));
                }
                answered[0] = answerAtHead && pending.indexOf("\r\n\r\n") >= 0;
                if (answered[0]) {
                    answer(socket, statusOf(pending), isHead(pending));
                }
            }
        });
        socket.closeHandler(closed -> {
            if (!pending.isEmpty()) {
                incomplete.add(pending.toString());
            }
            pendingBySocket.remove(socket);
            receivedBySocket.remove(socket);
            closedConnections.incrementAndGet();
        });
    }

    /** The status to answer with; -1 for a request that is never answered. */
    private int statusOf(CharSequence request) {
        String text = request.toString();
        String line = text.substring(0, Math.max(0, text.indexOf("\r\n")));
        return line.contains(hangingPath) ? -1 : line.contains(failingPath) ? 503 : status.get();
    }

    private static boolean isHead(CharSequence request) {
        return request.toString().startsWith("HEAD ");
    }

    private void answer(NetSocket socket, int code, boolean head) {
        long delay = delayMillis.get();
        if (delay < 0 || code < 0) {
            return;
        }
        Buffer response = Buffer.buffer("HTTP/1.1 " + code + " X\r\nContent-Length: 2\r\n\r\n" + (head ? "" : "ok"));
        if (delay == 0) {
            socket.write(response);
        } else {
            vertx.setTimer(delay, id -> socket.write(response));
        }
    }

    /** Length of the first complete request in {@code text}, or 0 while it is still incomplete. */
    static int completeLength(CharSequence text) {
        String s = text.toString();
        int headEnd = s.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return 0;
        }
        int bodyStart = headEnd + 4;
        String head = s.substring(0, headEnd).toLowerCase(Locale.ROOT);
        for (String line : List.of(head.split("\r\n"))) {
            if (line.startsWith("content-length:")) {
                long length = Long.parseLong(line.substring(15).trim());
                return s.length() - bodyStart >= length ? (int) (bodyStart + length) : 0;
            }
            if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                return chunkedEnd(s, bodyStart);
            }
        }
        return bodyStart;
    }

    private static int chunkedEnd(String s, int at) {
        while (true) {
            int lineEnd = s.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return 0;
            }
            String sizeText = s.substring(at, lineEnd);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                // "0\r\n" then an empty line, or trailer lines ended by an empty line
                if (s.startsWith("\r\n", lineEnd + 2)) {
                    return lineEnd + 4;
                }
                int trailersEnd = s.indexOf("\r\n\r\n", lineEnd + 2);
                return trailersEnd < 0 ? 0 : trailersEnd + 4;
            }
            int next = lineEnd + 2 + size + 2;
            if (s.length() < next) {
                return 0;
            }
            at = next;
        }
    }

    @Override
    public void close() {
        server.close().await();
    }
}
