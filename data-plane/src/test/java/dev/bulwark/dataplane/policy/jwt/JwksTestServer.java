package dev.bulwark.dataplane.policy.jwt;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Vertx;
import java.util.List;

/** A published JWKS for tests outside this package. */
public final class JwksTestServer {
    private final JwksServer server;

    public JwksTestServer(Vertx vertx, JWK... keys) {
        server = new JwksServer(vertx);
        server.publish(List.of(keys));
    }

    public String url() {
        return server.url();
    }
}
