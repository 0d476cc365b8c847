package dev.bulwark.controlplane.securitytest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.vulnerable.PlantedFlawApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Scans of a real vulnerable API (its own database) reached as the staging gateway: the control
 * plane's scan settings point at it, two tenants sign up (the owner of the API and a stranger),
 * and the owner declares the API from the planted-flaw contract.
 */
abstract class PlantedFlawScanTest extends RealDatabaseTest {
    private static final Set<String> FINISHED = Set.of("completed", "budget_spent", "cancelled", "failed", "unreachable");

    @Inject
    @Client("/")
    HttpClient client;
    Api http;
    Api.Session owner;
    Api.Session stranger;
    TestDatabase upstreamDatabase;
    PlantedFlawApi upstream;
    String apiId;

    /** The vulnerable API this class scans, on its database. */
    abstract PlantedFlawApi startUpstream(TestDatabase database) throws Exception;

    /** Prefix of the owner's tenant slug, and the (unreachable, documentation-range) upstream URL declared for the API. */
    abstract String tenantPrefix();

    abstract String declaredUpstream();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        try {
            upstreamDatabase = RealServices.newDatabase();
            upstream = startUpstream(upstreamDatabase);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        properties.put("bulwark.scans.staging-gateway-url", upstream.baseUrl().toString());
        properties.put("bulwark.scans.poll", "500ms");
        return properties;
    }

    @BeforeAll
    void declareTheApi() {
        http = new Api(client);
        owner = http.signUp(Api.unique(tenantPrefix()));
        stranger = http.signUp(Api.unique("intruder"));
        Reply created = http.post("/api/v1/apis", Map.of("name", "Shop", "openapi", PlantedFlawApi.contract(), "basePath", "/",
                "upstreamUrls", List.of(declaredUpstream()), "version", "1.0"), owner.token());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        apiId = created.body().path("id").asText();
    }

    @AfterAll
    void stopUpstream() {
        upstream.close();
        upstreamDatabase.close();
    }

    /** The run as the API's owner reads it once it has finished, whatever way it finished. */
    JsonNode awaitFinished(String runId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = http.get(base() + "/scans/" + runId, owner.token()).body();
            return FINISHED.contains(last[0].path("run").path("status").asText());
        });
        return last[0];
    }

    String base() {
        return "/api/v1/apis/" + apiId;
    }
}
