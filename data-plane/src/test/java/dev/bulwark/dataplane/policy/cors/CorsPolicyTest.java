package dev.bulwark.dataplane.policy.cors;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static dev.bulwark.dataplane.policy.HttpProbe.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.CorsConfig;
import dev.bulwark.dataplane.policy.PolicyHarness;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {
    private static final String SHOP = "https://shop.example.com";
    private static Vertx vertx;
    private static int port;
    private static int wildcardPort;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        port = new PolicyHarness(vertx, List.of(new CorsPolicy(new CorsConfig(List.of(SHOP), List.of("GET", "POST"),
                List.of("Content-Type", "X-API-Key"), List.of("RateLimit-Remaining"), true, 600)))).start();
        wildcardPort = new PolicyHarness(vertx, List.of(new CorsPolicy(new CorsConfig(List.of("*"), null, null, null, false, null)))).start();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredByTheGateway() {
        HttpResponse<String> response = send("OPTIONS", port, "/orders", "Origin", SHOP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type, x-api-key");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type, X-API-Key");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(response.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Origin"));
    }

    @Test
    void preflightFromAnotherOriginOrForAnotherMethodOrHeaderIsRefused() {
        HttpResponse<String> origin = send("OPTIONS", port, "/orders", "Origin", "https://evil.example.com",
                "Access-Control-Request-Method", "GET");
        assertThat(origin.statusCode()).isEqualTo(403);
        assertThat(origin.body()).contains("CORS_ORIGIN_DENIED");
        assertThat(origin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(send("OPTIONS", port, "/orders", "Origin", SHOP, "Access-Control-Request-Method", "DELETE").body())
                .contains("CORS_METHOD_DENIED");
        assertThat(send("OPTIONS", port, "/orders", "Origin", SHOP, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "x-secret").body()).contains("CORS_HEADERS_DENIED");
    }

    @Test
    void actualRequestsGetTheHeadersOnlyForAllowedOrigins() {
        HttpResponse<String> allowed = get(port, "/orders", "Origin", SHOP);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).hasValue("RateLimit-Remaining");
        assertThat(allowed.headers().firstValue("Vary")).hasValue("Origin");

        HttpResponse<String> other = get(port, "/orders", "Origin", "https://evil.example.com");
        assertThat(other.statusCode()).as("not blocked, just not shared").isEqualTo(200);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.headers().firstValue("Vary")).hasValue("Origin");
    }

    @Test
    void wildcardWithoutCredentialsAnswersStar() {
        HttpResponse<String> response = get(wildcardPort, "/orders", "Origin", "https://anyone.example.org");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
}
