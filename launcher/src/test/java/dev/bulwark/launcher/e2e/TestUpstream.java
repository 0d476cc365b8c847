package dev.bulwark.launcher.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server standing for the tenant's API: answers 200 JSON and records what reached it. */
public final class TestUpstream implements AutoCloseable {
    /** A request as the upstream saw it (header names lower-cased). */
    record Received(String method, String path, Map<String, List<String>> headers) {
        boolean hasHeader(String name) {
            return headers.containsKey(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private TestUpstream(HttpServer server) {
        this.server = server;
    }

    public static TestUpstream start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        TestUpstream upstream = new TestUpstream(server);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            upstream.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers));
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"items\":[{\"id\":\"i-1\",\"name\":\"first\"}],\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "test-upstream");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return upstream;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
