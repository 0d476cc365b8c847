package dev.bulwark.dataplane.policy.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21 item 8: a query-string API key was matched case-insensitively but stripped
 * case-sensitively, so {@code ?API_KEY=<key>} reached the upstream. Through the real gateway, real
 * api-key policy and a real upstream that records every request target.
 */
@ExtendWith(RealServicesExtension.class)
class QueryKeyStrippingTest {
    private static final String KEY = ApiKeys.generate(KeyEnvironment.LIVE);
    private static Vertx vertx;
    private static TestUpstream upstream;
    private static GatewayHarness gateway;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.ok(vertx);
        ApiEntry reports = new ApiEntry("reports", "tenant-a", "Reports", null, "/reports", List.of(upstream.url()), List.of(),
                List.of(new ApiKeyAuthConfig(CredentialLocation.QUERY, "api_key", true)), dev.bulwark.dataplane.Snapshots.LOOPBACK);
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 1, "test", "hash-1", Instant.now(), List.of(reports),
                List.of(new PlanEntry("free", "tenant-a", "reports", List.of(), List.of())),
                List.of(new ApplicationEntry("app-1", "tenant-a", "Shop", Map.of("reports", "free"))),
                List.of(new ApiKeyEntry("k1", ApiKeys.lookupId(KEY), new ApiKeyDigester(GatewayHarness.PEPPER).digest(KEY),
                        "tenant-a", "app-1", List.of(), null)));
        gateway = GatewayHarness.startWithRealPolicies(redis, snapshot);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        vertx.close().await();
    }

    @Test
    void everyCaseVariantOfTheNameIsStrippedAndTheRestKeptByteForByte() throws Exception {
        for (String name : List.of("api_key", "API_KEY", "Api_Key", "api%5FKEY", "API%5fkey")) {
            String target = "/reports/daily?b=%2Fx+y&" + name + "=" + KEY + "&c=1&c=2&empty=";
            assertThat(get(target).status()).as(name).isEqualTo(200);
            String seen = upstream.uris.stream().reduce((first, last) -> last).orElseThrow();
            assertThat(seen).as(name).isEqualTo("/daily?b=%2Fx+y&c=1&c=2&empty=");
        }
    }

    @Test
    void aKeyAfterASemicolonSeparatorIsStrippedToo() throws Exception {
        // Vert.x (and several upstream frameworks) split the query on ';' as well as '&'.
        assertThat(get("/reports/daily?a=1;API_KEY=" + KEY).status()).isEqualTo(200);
        assertThat(upstream.uris.stream().reduce((first, last) -> last).orElseThrow()).isEqualTo("/daily?a=1");
        assertThat(get("/reports/daily?api_key=" + KEY).status()).isEqualTo(200);
        assertThat(upstream.uris.stream().reduce((first, last) -> last).orElseThrow()).isEqualTo("/daily");
    }

    @Test
    void aRepeatedKeyInAnyCaseIsRefusedAndNeverForwarded() throws Exception {
        int before = upstream.requests.get();
        for (String query : List.of("api_key=" + KEY + "&API_KEY=" + KEY, "API_KEY=" + KEY + "&api_key=" + KEY,
                "api_key=" + KEY + ";Api_Key=" + KEY)) {
            RawHttp.Reply reply = get("/reports/daily?" + query);
            assertThat(reply.status()).as(query).isEqualTo(401);
            assertThat(reply.text()).contains("API_KEY_INVALID");
        }
        assertThat(upstream.requests.get()).isEqualTo(before);
    }

    @Test
    void theUpstreamNeverSawTheKey() throws Exception {
        get("/reports/daily?API_KEY=" + KEY);
        assertThat(upstream.uris).isNotEmpty();
        assertThat(upstream.uris).allSatisfy(uri -> assertThat(uri.toLowerCase(Locale.ROOT)).doesNotContain(KEY.toLowerCase(Locale.ROOT))
                .doesNotContain("api_key").doesNotContain("api%5fkey"));
    }

    private static RawHttp.Reply get(String target) throws Exception {
        return RawHttp.send(gateway.port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }
}
