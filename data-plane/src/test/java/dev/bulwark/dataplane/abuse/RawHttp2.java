package dev.bulwark.dataplane.abuse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/2 client that writes frames by hand (h2c with prior knowledge), for floods no well-behaved
 * client library would send. A reader thread consumes what the server sends and remembers GOAWAY,
 * the close, and the status of each answered stream.
 */
final class RawHttp2 implements AutoCloseable {
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int END_HEADERS = 0x4;

    private final Socket socket;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    /** Error code of the GOAWAY received, -1 before any. */
    final AtomicLong goAway = new AtomicLong(-1);
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicInteger resetsReceived = new AtomicInteger();
    final Map<Integer, String> statuses = new ConcurrentHashMap<>();

    /** Connects from {@code localAddress} (an attacker's own address on loopback) and sends the preface. */
    RawHttp2(int port, String localAddress) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(localAddress), 0);
        out = socket.getOutputStream();
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(SETTINGS, 0, 0, new byte[0]);
        Thread.ofPlatform().daemon().name("raw-h2-reader").start(this::read);
    }

    /** A HEADERS frame for a GET of {@code path} on {@code stream}. */
    void get(int stream, String path, boolean endStream) throws IOException {
        frame(HEADERS, (endStream ? END_STREAM : 0) | END_HEADERS, stream, block(stream, request(path)));
    }

    static Http2Headers request(String path) {
        return new DefaultHttp2Headers().method("GET").scheme("http").authority("a").path(path);
    }

    /** The HPACK block of {@code headers}, as this connection's encoder writes it. */
    byte[] block(int stream, Http2Headers headers) throws IOException {
        ByteBuf buffer = Unpooled.buffer();
        try {
            encoder.encodeHeaders(stream, headers, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            buffer.release();
        }
    }

    void reset(int stream) throws IOException {
        frame(RST_STREAM, 0, stream, new byte[] {0, 0, 0, 8}); // CANCEL
    }

    void ping(long payload) throws IOException {
        byte[] data = new byte[8];
        for (int i = 0; i < 8; i++) {
            data[i] = (byte) (payload >>> (56 - 8 * i));
        }
        frame(PING, 0, 0, data);
    }

    void settings() throws IOException {
        frame(SETTINGS, 0, 0, new byte[0]);
    }

    /** Writes one frame; a server that already closed makes this throw, which floods expect. */
    synchronized void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(9 + payload.length);
        frame.write(payload.length >>> 16);
        frame.write(payload.length >>> 8);
        frame.write(payload.length);
        frame.write(type);
        frame.write(flags);
        frame.write(stream >>> 24 & 0x7f);
        frame.write(stream >>> 16);
        frame.write(stream >>> 8);
        frame.write(stream);
        frame.write(payload);
        out.write(frame.toByteArray());
    }

    /** Writes what {@code writes} sends until the server closes or it is done; true when the server closed first. */
    boolean floodUntilClosed(FrameWriter writes, int count) {
        try {
            for (int i = 0; i < count && !closed.get(); i++) {
                writes.write(i);
            }
            out.flush();
            return closed.get();
        } catch (IOException e) {
            return true; // the server closed the connection under the flood
        }
    }

    interface FrameWriter {
        void write(int index) throws IOException;
    }

    private void read() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                if (type == GOAWAY && payload.length >= 8) {
                    goAway.set(((payload[4] & 0xffL) << 24) | ((payload[5] & 0xff) << 16) | ((payload[6] & 0xff) << 8) | (payload[7] & 0xff));
                } else if (type == RST_STREAM) {
                    resetsReceived.incrementAndGet();
                } else if (type == HEADERS) {
                    statuses.putIfAbsent(stream, "answered");
                } else if (type == SETTINGS && (flags & 0x1) == 0) {
                    frame(SETTINGS, 0x1, 0, new byte[0]); // ACK, as a client must
                }
            }
        } catch (IOException e) {
            closed.set(true);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
