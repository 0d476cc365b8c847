package dev.bulwark.controlplane.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real, tiny authoritative DNS server on loopback (UDP, RFC 1035 wire format) answering the A
 * and TXT records a test puts in it: enough for the JDK's DNS client to resolve against, without
 * touching the machine's resolver or the internet. Unknown names get NXDOMAIN.
 */
final class TinyDnsServer implements AutoCloseable {
    private static final int TYPE_A = 1;
    private static final int TYPE_TXT = 16;

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> a = new ConcurrentHashMap<>();
    private final Thread thread;

    TinyDnsServer() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().name("tiny-dns").start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    void addTxt(String name, String value) {
        txt.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new CopyOnWriteArrayList<>()).add(value);
    }

    void addA(String name, String address) throws IOException {
        a.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new CopyOnWriteArrayList<>()).add(InetAddress.getByName(address).getAddress());
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] reply = answer(java.util.Arrays.copyOf(query.getData(), query.getLength()));
                socket.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                // a malformed query is dropped; the client retries or times out
            }
        }
    }

    private byte[] answer(byte[] query) {
        int position = 12;
        StringBuilder name = new StringBuilder();
        while (query[position] != 0) {
            int length = query[position] & 0xFF;
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(query, position + 1, length, StandardCharsets.US_ASCII));
            position += length + 1;
        }
        position++;
        int type = ((query[position] & 0xFF) << 8) | (query[position + 1] & 0xFF);
        int questionEnd = position + 4;
        String key = name.toString().toLowerCase(Locale.ROOT);
        boolean known = txt.containsKey(key) || a.containsKey(key);
        List<byte[]> records = type == TYPE_TXT ? txt.getOrDefault(key, List.of()).stream().map(TinyDnsServer::txtData).toList()
                : type == TYPE_A ? a.getOrDefault(key, List.of()) : List.of();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query[0]);
        out.write(query[1]);
        out.write(0x85); // response, authoritative, recursion desired
        out.write(known ? 0x80 : 0x83); // recursion available; NOERROR or NXDOMAIN
        writeShort(out, 1);
        writeShort(out, records.size());
        writeShort(out, 0);
        writeShort(out, 0);
        out.write(query, 12, questionEnd - 12);
        for (byte[] data : records) {
            writeShort(out, 0xC00C); // the question's name
            writeShort(out, type);
            writeShort(out, 1);
            writeShort(out, 0);
            writeShort(out, 60);
            writeShort(out, data.length);
            out.write(data, 0, data.length);
        }
        return out.toByteArray();
    }

    private static byte[] txtData(String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[text.length + 1];
        data[0] = (byte) text.length;
        System.arraycopy(text, 0, data, 1, text.length);
        return data;
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xFF);
        out.write(value & 0xFF);
    }

    @Override
    public void close() {
        socket.close();
        thread.interrupt();
    }
}
