package dev.bulwark.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A real syslog receiver over TCP, or TLS when given a server context, on loopback. It reads both
 * framings of RFC 6587 (octet counting, as RFC 5425 requires over TLS, and line feed terminated) and
 * records each message without its frame.
 */
public final class SyslogReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SyslogReceiver(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("syslog-receiver").start(this::accept);
    }

    /** Plain TCP. */
    public static SyslogReceiver tcp() {
        try {
            return new SyslogReceiver(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLS with {@code context}'s certificate. */
    public static SyslogReceiver tls(SSLContext context) {
        try {
            return new SyslogReceiver(context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> read(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void read(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                in.mark(1);
                int first = in.read();
                if (first < 0) {
                    return;
                }
                in.reset();
                messages.add(Character.isDigit(first) ? counted(in) : line(in));
            }
        } catch (IOException e) {
            // the sender went away mid-frame: nothing more to record
        }
    }

    private static String counted(InputStream in) throws IOException {
        int length = 0;
        for (int c = in.read(); c != ' '; c = in.read()) {
            if (c < '0' || c > '9') {
                throw new IOException("bad octet count");
            }
            length = length * 10 + (c - '0');
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("truncated line");
            }
            out.write(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
