package dev.bulwark.dataplane.policy.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server publishing a JWKS that tests can rotate, counting how often it is fetched. */
final class JwksServer {
    private final AtomicInteger hits = new AtomicInteger();
    private volatile String body = new JWKSet().toString();
    private volatile boolean failing;
    private final int port;

    JwksServer(Vertx vertx) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            hits.incrementAndGet();
            if (failing) {
                request.response().setStatusCode(500).end();
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(body);
        });
        this.port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    void publish(List<JWK> keys) {
        body = new JWKSet(keys.stream().map(JWK::toPublicJWK).toList()).toString();
    }

    void fail(boolean failing) {
        this.failing = failing;
    }

    int hits() {
        return hits.get();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/jwks.json";
    }
}
