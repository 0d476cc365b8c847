package dev.bulwark.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testing.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the end-to-end test asks of the real Keycloak directly, over its REST API: as its
 * administrator, a realm user with a realm role (what a tenant's Keycloak administrator does); as an
 * application, a token with client credentials (what a developer's code does).
 */
final class KeycloakRest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final KeycloakServer server;

    KeycloakRest(KeycloakServer server) {
        this.server = server;
    }

    /** A user of {@code realm} with a verified email, a password and the realm role {@code role}. */
    void createUser(String realm, String username, String email, String password, String role) throws Exception {
        String admin = adminToken();
        String users = server.url() + "/admin/realms/" + realm + "/users";
        Map<String, Object> user = Map.of("username", username, "email", email, "emailVerified", true, "enabled", true,
                "firstName", "Ada", "lastName", "Member",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = json("POST", users, admin, user);
        check(created, 201, "create user");
        String location = created.headers().firstValue("Location").orElseThrow();
        JsonNode roleRepresentation = ConsoleApi.JSON.readTree(check(json("GET", server.url() + "/admin/realms/" + realm + "/roles/" + role,
                admin, null), 200, "read role").body());
        check(json("POST", location + "/role-mappings/realm", admin, List.of(roleRepresentation)), 204, "grant role");
    }

    /** The client-credentials grant at {@code tokenUrl}: the answer as it came. */
    static HttpResponse<String> clientCredentials(String tokenUrl, String clientId, String secret) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials", "client_id", clientId,
                        "client_secret", secret)))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String adminToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", server.adminUsername(), "password", server.adminPassword())))).build(), HttpResponse.BodyHandlers.ofString());
        return ConsoleApi.JSON.readTree(check(response, 200, "admin log-in").body()).path("access_token").asText();
    }

    private static HttpResponse<String> json(String method, String url, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(ConsoleApi.JSON.writeValueAsString(body)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> check(HttpResponse<String> response, int expected, String what) {
        if (response.statusCode() != expected) {
            throw new AssertionError("Keycloak: " + what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
