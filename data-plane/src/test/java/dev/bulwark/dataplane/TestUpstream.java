package dev.bulwark.dataplane;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP upstream on an ephemeral port, recording what it received. */
public final class TestUpstream implements AutoCloseable {
    public final AtomicInteger requests = new AtomicInteger();
    public final ConcurrentLinkedQueue<MultiMap> headers = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<String> uris = new ConcurrentLinkedQueue<>();
    private final Vertx vertx;
    private final HttpServer server;

    private TestUpstream(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** An upstream answering 200 with a small JSON body. */
    public static TestUpstream ok(Vertx vertx) {
        return start(vertx, request -> request.response().putHeader("content-type", "application/json")
                .end("{\"ok\":true,\"uri\":\"" + request.uri().replace("\"", "") + "\"}"));
    }

    public static TestUpstream start(Vertx vertx, Handler<HttpServerRequest> handler) {
        TestUpstream[] self = new TestUpstream[1];
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
        self[0] = new TestUpstream(vertx, server);
        server.requestHandler(request -> {
            self[0].requests.incrementAndGet();
            self[0].headers.add(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
            self[0].uris.add(request.uri());
            handler.handle(request);
        });
        server.listen(0).await();
        return self[0];
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public MultiMap lastHeaders() {
        MultiMap last = null;
        for (MultiMap map : headers) {
            last = map;
        }
        return last;
    }

    @Override
    public void close() {
        server.close().await();
    }
}
