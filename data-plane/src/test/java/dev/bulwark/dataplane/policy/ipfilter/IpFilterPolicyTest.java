package dev.bulwark.dataplane.policy.ipfilter;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.IpFilterConfig;
import dev.bulwark.dataplane.policy.PolicyHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IpFilterPolicyTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void deniedNetworkGets403AndOthersPass() {
        int port = serve(new IpFilterConfig(List.of(), List.of("127.0.0.0/8"), List.of()));
        HttpResponse<String> response = get(port, "/orders");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"key\":\"IP_DENIED\"");

        int open = serve(new IpFilterConfig(List.of(), List.of("192.0.2.0/24"), List.of()));
        assertThat(get(open, "/orders").statusCode()).isEqualTo(200);
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsJudgedAndRecorded() {
        int port = serve(new IpFilterConfig(List.of("198.51.100.0/24"), List.of("198.51.100.66"), List.of("127.0.0.1")));

        HttpResponse<String> allowed = get(port, "/orders", "X-Forwarded-For", "6.6.6.6, 198.51.100.7");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(allowed.body()).getString("clientIp")).isEqualTo("198.51.100.7");
        assertThat(get(port, "/orders", "X-Forwarded-For", "198.51.100.7, 198.51.100.66").statusCode())
                .as("deny wins for the resolved client").isEqualTo(403);
        assertThat(get(port, "/orders").statusCode()).as("the proxy itself is not on the allow list").isEqualTo(403);
    }

    @Test
    void untrustedPeerCannotSpoofItsWayIn() {
        int port = serve(new IpFilterConfig(List.of("198.51.100.0/24"), List.of(), List.of("10.0.0.0/8")));
        assertThat(get(port, "/orders", "X-Forwarded-For", "198.51.100.7").statusCode()).isEqualTo(403);
    }

    private int serve(IpFilterConfig config) {
        return new PolicyHarness(vertx, List.of(new IpFilterPolicy(config))).start();
    }
}
