package dev.bulwark.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The control plane's {@code /api/v1} as a tenant member uses it: JSON in and out, a bearer
 * session token, and the ETag/If-Match dance for updates. Each call names the status it expects
 * and fails with the problem details otherwise.
 */
public final class ConsoleApi {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** An answer: status, JSON body (null when empty) and the ETag, if any. */
    record Answer(int status, JsonNode body, String etag) {
    }

    private final String baseUrl;
    private final String token;

    private ConsoleApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Signs up a new tenant and returns a client acting as its owner. */
    public static ConsoleApi signUp(String baseUrl, String slug, String email, String password) {
        ConsoleApi anonymous = new ConsoleApi(baseUrl, null);
        JsonNode session = anonymous.send("POST", "/api/v1/signup", object(Map.of("tenantName", "E2E " + slug, "tenantSlug", slug,
                "email", email, "password", password, "displayName", "E2E Owner")), null, 201).body();
        return new ConsoleApi(baseUrl, session.path("session").path("token").asText());
    }

    /** A client presenting another bearer token (e.g. a developer's session in the developer portal). */
    static ConsoleApi bearer(String baseUrl, String token) {
        return new ConsoleApi(baseUrl, token);
    }

    /** A client without a session (log-in, single sign-on). */
    static ConsoleApi anonymous(String baseUrl) {
        return new ConsoleApi(baseUrl, null);
    }

    public JsonNode get(String path) {
        return send("GET", path, null, null, 200).body();
    }

    Answer getWithEtag(String path) {
        return send("GET", path, null, null, 200);
    }

    /** A download (PDF, CSV): the raw body of a 200 answer. */
    byte[] bytes(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode post(String path, Object body, int expected) {
        return send("POST", path, body, null, expected).body();
    }

    /** PUT or PATCH of a versioned resource: reads its current ETag from {@code versionedPath} first. */
    public JsonNode update(String method, String path, String versionedPath, Object body) {
        String etag = getWithEtag(versionedPath).etag();
        return send(method, path, body, etag, 200).body();
    }

    public void delete(String path, int expected) {
        send("DELETE", path, null, null, expected);
    }

    Answer send(String method, String path, Object body, String ifMatch, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", expected " + expected
                        + ": " + response.body());
            }
            JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates an API from its OpenAPI document with these policies ({@code {"policies": [...]}}),
     * enables it in production towards the upstream and publishes it; returns its id.
     */
    public String publishApi(String name, String openapi, String basePath, String upstreamUrl, Object policies) {
        String id = post("/api/v1/apis", object(Map.of("name", name, "openapi", openapi, "basePath", basePath,
                "upstreamUrls", List.of(upstreamUrl), "allowPrivateUpstreams", true)), 201).path("id").asText();
        String api = "/api/v1/apis/" + id;
        update("PUT", api + "/policies", api, policies);
        update("PUT", api + "/environments/production", api, object(Map.of("upstreamUrls", List.of(upstreamUrl), "enabled", true)));
        post(api + "/lifecycle", object(Map.of("state", "published")), 200);
        return id;
    }

    /** A plan of the API allowing these operations (none: all), approved automatically, no policies; returns its id. */
    public String autoApprovedPlan(String apiId, String name, List<String> allowedOperations) {
        return post("/api/v1/apis/" + apiId + "/plans", object(Map.of("name", name, "allowedOperations", allowedOperations,
                "policies", List.of(), "approval", "auto")), 201).path("id").asText();
    }

    public String developer(String email, String name) {
        return post("/api/v1/developers", object(Map.of("email", email, "name", name)), 201).path("id").asText();
    }

    /** An application of the developer, subscribed to the plan; returns its id. */
    public String subscribedApplication(String developerId, String planId, String name) {
        String id = post("/api/v1/applications", object(Map.of("name", name, "developerId", developerId)), 201).path("id").asText();
        post("/api/v1/applications/" + id + "/subscriptions", object(Map.of("planId", planId)), 201);
        return id;
    }

    /** A production API key of the application, without scopes: its id and the key itself (shown once). */
    public IssuedKey productionKey(String applicationId, String label) {
        JsonNode issued = post("/api/v1/applications/" + applicationId + "/keys", object(Map.of("label", label,
                "scopes", List.of(), "environment", "production")), 201);
        return new IssuedKey(issued.path("id").asText(), issued.path("key").asText());
    }

    public record IssuedKey(String id, String key) {
    }

    public static ObjectNode object(Map<String, ?> fields) {
        return JSON.valueToTree(fields);
    }
}
