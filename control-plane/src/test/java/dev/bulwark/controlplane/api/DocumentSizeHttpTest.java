package dev.bulwark.controlplane.api;

import static dev.bulwark.controlplane.api.CatalogTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.BodyLimits;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One OpenAPI document limit (10 MB) on both upload paths (create and replace), reported with its
 * number; the JSON body carrying a document may be larger than other routes' bodies.
 */
@MicronautTest(transactional = false)
class DocumentSizeHttpTest extends RealDatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Inject @Client("/") HttpClient client;
    @Inject EmbeddedServer server;
    @Inject HttpServerConfiguration serverConfiguration;
    Api http;
    Api.Session owner;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.http.client.read-timeout", "120s");
        return properties;
    }

    @BeforeAll
    void signUp() {
        http = new Api(client);
        owner = http.signUp(Api.unique("size"));
    }

    @Test
    void aDocumentJustUnderTenMegabytesIsImportedAndOneOverIsRefusedNamingTheLimit() throws Exception {
        String big = LargeDocuments.yaml(BodyLimits.DOCUMENT_BYTES - 4096);
        assertThat(big.length()).isGreaterThan(9 * 1024 * 1024);
        // Sent over plain HTTP so the body is what a browser sends, JSON-escaped and over 10 MB.
        var created = raw("POST", "/api/v1/apis", Map.of("name", "Big", "openapi", big, "basePath", "/big",
                "upstreamUrls", List.of("https://203.0.113.70")), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("version").asText()).isEqualTo("7.1.0");
        String id = JSON.readTree(created.body()).path("id").asText();

        String over = LargeDocuments.yaml(BodyLimits.DOCUMENT_BYTES + 10);
        var replaced = raw("PATCH", "/api/v1/apis/" + id, Map.of("openapi", over), "W/\"0\"");
        assertThat(replaced.statusCode()).isEqualTo(400);
        var problem = JSON.readTree(replaced.body());
        assertThat(problem.path("key").asText()).isEqualTo("OPENAPI_TOO_LARGE");
        assertThat(problem.path("errors").get(0).path("path").asText()).isEqualTo("openapi");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("10 MB");

        var refusedAtCreate = raw("POST", "/api/v1/apis", Map.of("name", "Over", "openapi", over, "basePath", "/over",
                "upstreamUrls", List.of("https://203.0.113.70")), null);
        assertThat(JSON.readTree(refusedAtCreate.body()).path("key").asText()).isEqualTo("OPENAPI_TOO_LARGE");
    }

    @Test
    void aBodyOverTheDocumentRoutesLimitIs413NamingBothNumbers() throws Exception {
        assertThat(serverConfiguration.getMaxRequestSize()).isEqualTo(BodyLimits.DOCUMENT_REQUEST_BYTES);
        String huge = "x".repeat((int) BodyLimits.DOCUMENT_REQUEST_BYTES);
        var reply = raw("POST", "/api/v1/apis", Map.of("name", "Huge", "openapi", huge, "basePath", "/huge"), null);
        assertThat(reply.statusCode()).isEqualTo(413);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(reply.body()).path("detail").asText()).contains("20 MB").contains("10 MB");
    }

    @Test
    void otherRoutesKeepTheTwoMegabyteLimit() throws Exception {
        var reply = raw("POST", "/api/v1/developers", Map.of("email", "d@example.test", "name", "x".repeat(3 * 1024 * 1024)), null);
        assertThat(reply.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(reply.body()).path("detail").asText()).contains("2 MB").doesNotContain("OpenAPI");
    }

    @Test
    void aChunkedBodyNeedsALengthWhereOnlyMicronautsLargestLimitWouldHoldIt() throws Exception {
        // 19 MB without Content-Length: under Micronaut's largest limit, far over this route's 2 MB.
        String name = "x".repeat(19 * 1024 * 1024);
        var over = chunked("/api/v1/developers", JSON.writeValueAsBytes(Map.of("email", "chunked@example.test", "name", name)));
        assertThat(over.statusCode()).isEqualTo(411);
        assertThat(over.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(over.body()).path("key").asText()).isEqualTo("LENGTH_REQUIRED");
        assertThat(JSON.readTree(over.body()).path("detail").asText()).contains("2 MB");

        var small = chunked("/api/v1/developers", JSON.writeValueAsBytes(Map.of("email", "chunked@example.test", "name", "Chunked")));
        assertThat(small.statusCode()).isEqualTo(411);
        assertThat(http.post("/api/v1/developers", Map.of("email", "chunked@example.test", "name", "Sized"), owner.token()).status())
                .as("the same body with its length").isEqualTo(201);

        var document = chunked("/api/v1/apis", JSON.writeValueAsBytes(Map.of("name", "Chunked", "openapi", document("petstore-3.0.json"),
                "basePath", "/chunked", "upstreamUrls", List.of())));
        assertThat(document.statusCode()).as("a document route takes a chunked body: %s", document.body()).isEqualTo(201);
    }

    @Test
    void parserInternalsNeverReachTheMessage() {
        Reply broken = http.post("/api/v1/apis", Map.of("name", "Broken", "openapi", "{\"openapi\": \"3.0.3\", \"info\": {\"title\": ",
                "basePath", "/broken", "upstreamUrls", List.of()), owner.token());
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().toString()).doesNotContain("Source:").doesNotContain("StringReader")
                .doesNotContain("com.fasterxml").contains("line");
        assertThat(http.post("/api/v1/apis", Map.of("name", "Pets", "openapi", document("petstore-3.0.json"), "basePath", "/pets-v",
                "upstreamUrls", List.of()), owner.token()).body().path("version").asText()).isEqualTo("1.0.0");
    }

    /** A body of unknown length: the JDK client sends it with Transfer-Encoding: chunked. */
    private java.net.http.HttpResponse<String> chunked(String path, byte[] body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(server.getURI().resolve(path))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + owner.token())
                .timeout(Duration.ofSeconds(120));
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    private java.net.http.HttpResponse<String> raw(String method, String path, Object body, String ifMatch) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(server.getURI().resolve(path))
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + owner.token())
                .timeout(Duration.ofSeconds(120));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }
}
