package dev.bulwark.dataplane.policy.threat;

import static dev.bulwark.dataplane.contract.Contracts.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ContractValidationConfig;
import dev.bulwark.contracts.policy.ThreatProtectionConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With contract validation blocking on the route, threat protection checks the values the contract
 * types precisely by type: an enum value that happens to look like a command is data there, and the
 * same value is an attack where no contract speaks for it.
 */
@ExtendWith(RealServicesExtension.class)
class ThreatProtectionWithContractTest {
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = HttpClient.newHttpClient();
    private GatewayHarness gateway;

    @BeforeEach
    void start(TestRedis redis) throws Exception {
        TestUpstream upstream = TestUpstream.start(vertx, request -> request.response().end("ok"));
        ThreatProtectionConfig threats = new ThreatProtectionConfig(null, null, null, null, null);
        OperationEntry report = new OperationEntry("report", "GET", "/report", List.of(), List.of(), new OperationContract(List.of(
                query("sort", false, "{\"type\":\"string\",\"enum\":[\"name\",\"date;id\"]}"),
                query("q", false, "{\"type\":\"string\"}")), null, List.of()));
        ApiEntry typed = new ApiEntry("typed", "tenant-1", "typed", null, "/typed", List.of(upstream.url()), List.of(report),
                List.of(ContractValidationConfig.defaults(), threats), Snapshots.LOOPBACK, null, null);
        ApiEntry untyped = Snapshots.api("untyped", "/untyped", upstream.url(), threats);
        gateway = GatewayHarness.start(redis, Snapshots.of(1, typed, untyped), Map.of("BULWARK_GW_REDIS_KEY_PREFIX", redis.keyPrefix()),
                null, null);
    }

    @AfterEach
    void stop() {
        gateway.close();
        vertx.close();
    }

    @Test
    void aValueTheContractTypesIsCheckedByTypeAndFreeTextStillAsText() throws Exception {
        assertThat(get("/typed/report?sort=date%3Bid").statusCode()).isEqualTo(200);
        assertThat(get("/untyped/report?sort=date%3Bid").statusCode()).isEqualTo(403);
        assertThat(get("/typed/report?q=date%3Bid").statusCode()).isEqualTo(403);
        assertThat(get("/typed/report?sort=x%3Bid").statusCode()).isEqualTo(400); // not in the enum: the contract refuses it first
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
