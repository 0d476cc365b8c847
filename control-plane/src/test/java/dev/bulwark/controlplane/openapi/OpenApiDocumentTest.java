package dev.bulwark.controlplane.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@MicronautTest(transactional = false)
class OpenApiDocumentTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    Router router;

    @Test
    @SuppressWarnings("unchecked")
    void theServedDocumentDescribesEveryApiRouteAndNoInternalParameter() {
        HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET("/api/v1/openapi.yml"), String.class);
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.getContentType().orElseThrow().toString()).startsWith("application/yaml");
        String text = response.body();
        Map<String, Object> document = new Yaml().load(text);
        assertThat(document.get("openapi").toString()).startsWith("3.");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");

        List<String> missing = router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/v1/"))
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD && r.getHttpMethod() != HttpMethod.OPTIONS)
                .filter(r -> !r.getUriMatchTemplate().toString().equals("/api/v1/openapi.yml"))
                .filter(r -> {
                    Map<String, Object> path = paths.get(r.getUriMatchTemplate().toString());
                    return path == null || !path.containsKey(r.getHttpMethodName().toLowerCase(Locale.ROOT));
                })
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate())
                .toList();
        assertThat(missing).as("routes missing from the OpenAPI document").isEmpty();
        assertThat(text).doesNotContain("name: principal", "name: session", "name: request");
    }

    /**
     * Client generators name their methods after operationIds: each must be unique, and say what it
     * does (the generator's fallback for a repeated method name, "list_3", says nothing).
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIdIsUniqueAndMeaningful() {
        String text = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/openapi.yml"));
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>)
                new Yaml().<Map<String, Object>>load(text).get("paths");
        Map<String, String> seen = new java.util.HashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            Object id = operation.get("operationId");
            String where = method.toUpperCase(Locale.ROOT) + " " + path;
            if (id == null) {
                problems.add(where + " has no operationId");
            } else if (id.toString().matches(".*_\\d+") || List.of("list", "get", "create", "update", "revoke", "delete")
                    .contains(id.toString())) {
                problems.add(where + " has the generic operationId " + id);
            } else if (seen.putIfAbsent(id.toString(), where) != null) {
                problems.add(where + " repeats the operationId " + id + " of " + seen.get(id.toString()));
            }
        }));
        assertThat(problems).isEmpty();
        assertThat(paths).as("the portal's HTML routes are not part of the API").doesNotContainKeys("/portal", "/portal/{path}");
    }
}
