package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21 item 3: a tenant allowed loopback upstreams proxied the gateway's own status port and
 * read every tenant's metrics. The snapshot's deniedEndpoints name the platform's ports, and the
 * gateway refuses a connection that reached one of them, whatever name led there.
 */
@ExtendWith(RealServicesExtension.class)
class PlatformEndpointUpstreamTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anApiCannotProxyTheGatewaysOwnStatusPort(TestRedis redis) throws Exception {
        int statusPort = GatewayHarness.freePort();
        String status = "http://localhost:" + statusPort;
        ApiEntry open = api("open", "/open", status);
        ApiEntry plain = api("guarded", "/guarded", status);
        ApiEntry guarded = new ApiEntry(plain.apiId(), plain.tenantId(), plain.name(), plain.host(), plain.basePath(),
                plain.upstreams(), plain.operations(), plain.policies(), List.of("127.0.0.0/8"),
                List.of("127.0.0.0/8:" + statusPort, "[::1]:" + statusPort));
        GatewayHarness gateway = GatewayHarness.start(redis, of(1, open, guarded),
                Map.of("BULWARK_GW_STATUS_PORT", Integer.toString(statusPort)));
        try {
            // Without the list the status port is one request away (what the penetration test did).
            HttpResponse<String> leaked = get(gateway.url("/open/metrics"));
            assertThat(leaked.statusCode()).isEqualTo(200);
            assertThat(leaked.body()).contains("bulwark_");

            HttpResponse<String> refused = get(gateway.url("/guarded/metrics"));
            assertThat(refused.statusCode()).isEqualTo(502);
            assertThat(refused.body()).contains("\"key\":\"UPSTREAM_ADDRESS_REFUSED\"").doesNotContain("bulwark_snapshot")
                    .doesNotContain(Integer.toString(statusPort));
        } finally {
            gateway.close();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
