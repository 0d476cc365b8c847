package dev.bulwark.dataplane.policy.jwt;

import dev.bulwark.testing.KeycloakServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A throw-away realm on a real Keycloak, set up through its admin REST API the way an operator would:
 * a resource-server client the gateway introspects with, and confidential service-account clients
 * whose tokens name that resource server in {@code aud} and carry client scopes.
 */
final class KeycloakRealm implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final KeycloakServer server;
    private final String name;

    private KeycloakRealm(KeycloakServer server, String name) {
        this.server = server;
        this.name = name;
    }

    static KeycloakRealm create(KeycloakServer server, String name) throws Exception {
        KeycloakRealm realm = new KeycloakRealm(server, name);
        realm.admin("POST", "/admin/realms", new JsonObject().put("realm", name).put("enabled", true), 201);
        return realm;
    }

    String issuer() {
        return server.url() + "/realms/" + name;
    }

    String endpoint(String path) {
        return issuer() + "/protocol/openid-connect/" + path;
    }

    /** A client scope that appears in the access token's {@code scope} claim; returns its id. */
    String scope(String scope) throws Exception {
        HttpResponse<String> created = admin("POST", "/admin/realms/" + name + "/client-scopes", new JsonObject().put("name", scope)
                .put("protocol", "openid-connect").put("attributes", new JsonObject().put("include.in.token.scope", "true")), 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * A confidential client with a service account (client-credentials grant) and the given secret.
     * Its access tokens name {@code audience} in {@code aud}; {@code scopeIds} are its default scopes.
     */
    void serviceClient(String clientId, String secret, String audience, String... scopeIds) throws Exception {
        JsonObject audienceMapper = new JsonObject().put("name", "audience").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper").put("config", new JsonObject()
                        .put("included.client.audience", audience).put("access.token.claim", "true")
                        .put("introspection.token.claim", "true"));
        admin("POST", "/admin/realms/" + name + "/clients", new JsonObject().put("clientId", clientId).put("enabled", true)
                .put("publicClient", false).put("clientAuthenticatorType", "client-secret").put("secret", secret)
                .put("serviceAccountsEnabled", true).put("standardFlowEnabled", false).put("directAccessGrantsEnabled", false)
                .put("protocolMappers", new JsonArray().add(audienceMapper)), 201);
        String internalId = new JsonArray(admin("GET", "/admin/realms/" + name + "/clients?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null, 200).body()).getJsonObject(0).getString("id");
        for (String scopeId : scopeIds) {
            admin("PUT", "/admin/realms/" + name + "/clients/" + internalId + "/default-client-scopes/" + scopeId, null, 204);
        }
    }

    /** The client-credentials grant: the access token. */
    String token(String clientId, String secret) throws Exception {
        HttpResponse<String> grant = form(endpoint("token"), Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
        if (grant.statusCode() != 200) {
            throw new IllegalStateException("client credentials for " + clientId + ": " + grant.statusCode() + " " + grant.body());
        }
        return new JsonObject(grant.body()).getString("access_token");
    }

    /** RFC 7009 revocation of an access token by the client it was issued to. */
    void revoke(String token, String clientId, String secret) throws Exception {
        HttpResponse<String> revoked = form(endpoint("revoke"), Map.of("token", token, "token_type_hint", "access_token",
                "client_id", clientId, "client_secret", secret));
        if (revoked.statusCode() != 200) {
            throw new IllegalStateException("revocation: " + revoked.statusCode() + " " + revoked.body());
        }
    }

    @Override
    public void close() throws Exception {
        admin("DELETE", "/admin/realms/" + name, null, 204);
    }

    private HttpResponse<String> admin(String method, String path, JsonObject body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private String adminToken() throws Exception {
        HttpResponse<String> response = form(server.url() + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", server.adminUsername(), "password", server.adminPassword()));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak admin log-in: " + response.statusCode());
        }
        return new JsonObject(response.body()).getString("access_token");
    }

    private static HttpResponse<String> form(String url, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
