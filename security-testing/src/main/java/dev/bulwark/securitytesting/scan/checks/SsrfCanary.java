package dev.bulwark.securitytesting.scan.checks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listener for SSRF call-backs: each probe carries a URL with a unique token, and a token this
 * listener receives proves that the API fetched a URL its client chose.
 */
final class SsrfCanary implements AutoCloseable {
    private final HttpServer server;
    private final Set<String> received = ConcurrentHashMap.newKeySet();

    SsrfCanary(InetSocketAddress listen) throws IOException {
        server = HttpServer.create(listen, 8);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String token) {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/" + token;
    }

    boolean received(String token) {
        return received.contains("/" + token);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
