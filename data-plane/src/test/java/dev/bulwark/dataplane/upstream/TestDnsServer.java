package dev.bulwark.dataplane.upstream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, tiny authoritative DNS server on loopback (UDP) whose A answers a test changes at will:
 * what a rebinding attacker's name server does. Answers carry TTL 0, so no resolver may cache them;
 * other names and record types get an empty answer.
 */
public final class TestDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, List<byte[]>> answers = new ConcurrentHashMap<>();
    public final AtomicInteger queries = new AtomicInteger();

    private TestDnsServer(DatagramSocket socket) {
        this.socket = socket;
    }

    public static TestDnsServer start(Vertx vertx) {
        DatagramSocket socket = vertx.createDatagramSocket();
        TestDnsServer server = new TestDnsServer(socket);
        socket.handler(packet -> {
            Buffer reply = server.answer(packet.data());
            if (reply != null) {
                socket.send(reply, packet.sender().port(), packet.sender().host());
            }
        });
        socket.listen(0, "127.0.0.1").await();
        return server;
    }

    /** From now on {@code name} resolves to these IPv4 addresses. */
    public void answer(String name, byte[]... ipv4) {
        answers.put(name.toLowerCase(java.util.Locale.ROOT), List.of(ipv4));
    }

    /** "127.0.0.1:port", for BULWARK_GW_UPSTREAM_DNS_SERVERS. */
    public String address() {
        return "127.0.0.1:" + socket.localAddress().port();
    }

    private Buffer answer(Buffer query) {
        if (query.length() < 12) {
            return null;
        }
        int position = 12;
        StringBuilder name = new StringBuilder();
        while (position < query.length()) {
            int length = query.getUnsignedByte(position++);
            if (length == 0) {
                break;
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(query.getString(position, position + length));
            position += length;
        }
        int type = query.getUnsignedShort(position);
        int questionEnd = position + 4;
        queries.incrementAndGet();
        List<byte[]> addresses = type == 1 ? answers.getOrDefault(name.toString().toLowerCase(java.util.Locale.ROOT), List.of())
                : List.of();
        Buffer reply = Buffer.buffer();
        reply.appendShort(query.getShort(0));                      // id
        reply.appendUnsignedShort(0x8180);                          // response, recursion desired + available, NOERROR
        reply.appendUnsignedShort(1).appendUnsignedShort(addresses.size()).appendUnsignedShort(0).appendUnsignedShort(0);
        reply.appendBuffer(query.getBuffer(12, questionEnd));      // the question, echoed
        for (byte[] address : addresses) {
            reply.appendUnsignedShort(0xC00C);                      // name: pointer to the question's
            reply.appendUnsignedShort(1).appendUnsignedShort(1);    // A, IN
            reply.appendInt(0);                                     // TTL 0: never cached
            reply.appendUnsignedShort(4).appendBytes(address);
        }
        return reply;
    }

    @Override
    public void close() {
        socket.close().await();
    }
}
