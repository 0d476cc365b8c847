package dev.bulwark.dataplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends exact bytes over a socket: for requests no well-behaved client would send. */
public final class RawHttp {
    /** What came back: the bytes read and whether the server closed the connection. */
    public record Reply(String text, boolean closed) {
        public int status() {
            if (!text.startsWith("HTTP/1.") || text.length() < 12) {
                return -1;
            }
            return Integer.parseInt(text.substring(9, 12));
        }
    }

    private RawHttp() {
    }

    /** Sends the request and reads until the server closes or stays silent for {@code quietMillis}. */
    public static Reply send(int port, byte[] request, int quietMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(quietMillis);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the server may close before reading everything; what it answered still counts
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            boolean closed = false;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException e) {
                closed = true; // reset by peer
            }
            return new Reply(received.toString(StandardCharsets.ISO_8859_1), closed);
        }
    }

    /**
     * Sends the request and reads one whole response (head, then a Content-Length body), waiting at
     * most {@code quietMillis} for each read; {@code closed} tells whether the server then closed.
     */
    public static Reply exchange(int port, byte[] request, int quietMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(quietMillis);
            try {
                socket.getOutputStream().write(request);
            } catch (IOException e) {
                // refused before reading it all: the answer below still counts
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            boolean closed = false;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, n);
                    if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                        socket.setSoTimeout(300); // only to learn whether the server closes
                    }
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException e) {
                closed = true;
            }
            return new Reply(received.toString(StandardCharsets.ISO_8859_1), closed);
        }
    }

    /** True once a whole response (head and Content-Length body) has been read. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return true;
        }
        int lineEnd = head.indexOf('\r', at);
        long length = Long.parseLong(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
        return text.length() - end - 4 >= length;
    }

    public static Reply send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), 2_000);
    }
}
