package dev.bulwark.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.isolation.IsolationSeeder;
import dev.bulwark.controlplane.kernel.BodyLimits;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bad input over every route the application has: routes are DISCOVERED from the {@link Router}
 * ({@code /api/v1} as a tenant's owner, {@code /api/devportal/v1} as one of its developers), and
 * each gets generated bad bodies (NUL characters and wrong JSON types in every field, bare values
 * where an object is expected, deep nesting, oversize, malformed JSON, the wrong content type), bad
 * path variables, bad query parameters and bad headers. No answer may be a 5xx, every error must
 * be problem+json, and nothing may be logged at ERROR (an error log per bad request lets anyone
 * flood the logs).
 *
 * <p>Path variables get real ids from the {@link IsolationSeeder} beans of the tenant-isolation
 * test, so a bad field reaches the database rather than stopping at "not found"; valid bodies,
 * varied field by field, come from the same seeders and from {@link #BODIES}.
 */
@MicronautTest(transactional = false)
class BadInputTest extends RealDatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NUL = "a\u0000b";
    /** Just over the body limit of most routes (2 MB, {@link BodyLimits#DEFAULT_BYTES}). */
    private static final String OVERSIZE = "{\"name\": \"" + "x".repeat((int) BodyLimits.DEFAULT_BYTES) + "\"}";
    /** Just over the limit of routes that carry an OpenAPI document (20 MB). */
    private static final String DOCUMENT_OVERSIZE = "{\"name\": \"" + "x".repeat((int) BodyLimits.DOCUMENT_REQUEST_BYTES) + "\"}";
    /** Valid bodies for routes no seeder registers; {@code {name}} placeholders take seeded values. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/v1/signup", "{\"tenantName\": \"Fuzz\", \"tenantSlug\": \"fuzz-x\", \"email\": \"f@example.test\","
                    + " \"password\": \"" + Api.PASSWORD + "\", \"displayName\": \"F\"}"),
            Map.entry("POST /api/v1/sessions", "{\"email\": \"f@example.test\", \"password\": \"" + Api.PASSWORD + "\", \"tenantSlug\": \"fuzz-x\"}"),
            Map.entry("POST /api/v1/invitations/lookup", "{\"token\": \"bwinv_x\"}"),
            Map.entry("POST /api/v1/invitations/accept", "{\"token\": \"bwinv_x\", \"password\": \"" + Api.PASSWORD + "\", \"displayName\": \"F\"}"),
            Map.entry("POST /api/v1/developers", "{\"email\": \"d@example.test\", \"name\": \"Dev\"}"),
            Map.entry("POST /api/v1/applications", "{\"name\": \"App\", \"developerId\": \"{developerId}\"}"),
            Map.entry("POST /api/v1/apis", "{\"name\": \"Fuzz\", \"openapi\": \"openapi: 3.0.0\", \"basePath\": \"/fuzz\","
                    + " \"upstreamUrls\": [\"https://203.0.113.60\"]}"),
            Map.entry("POST /api/v1/data-plane-credentials", "{\"environment\": \"production\", \"name\": \"dp\"}"),
            Map.entry("POST /api/devportal/v1/tenants/{slug}/signup", "{\"email\": \"d@example.test\", \"name\": \"D\", \"password\": \""
                    + Api.PASSWORD + "\"}"),
            Map.entry("POST /api/devportal/v1/tenants/{slug}/sessions", "{\"email\": \"d@example.test\", \"password\": \"" + Api.PASSWORD + "\"}"),
            Map.entry("POST /api/devportal/v1/tenants/{slug}/applications", "{\"name\": \"App\"}"),
            Map.entry("POST /api/devportal/v1/tenants/{slug}/applications/{appId}/subscriptions", "{\"planId\": \"{planId}\"}"),
            Map.entry("POST /api/devportal/v1/tenants/{slug}/applications/{appId}/keys", "{\"label\": \"k\", \"environment\": \"staging\"}"),
            Map.entry("POST /api/devportal/v1/tenants/{slug}/applications/{appId}/keys/{keyId}/rotate", "{\"overlapSeconds\": 0}"),
            Map.entry("POST /api/v1/subscriptions/{subscriptionId}/reject", "{\"reason\": \"no\"}"));

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    Router router;
    @Inject
    EmbeddedServer server;
    @Inject
    List<IsolationSeeder> seeders;

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> bodies = new HashMap<>(BODIES);
    private final List<String> failures = new ArrayList<>();
    private String ownerToken;
    private String developerToken;
    private Api.Session owner;
    private String developerEmail;
    private Api api;
    private int sent;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // Reuses the tenant-isolation seeders (they create one resource of each kind).
        properties.put("spec.name", "TenantIsolationTest");
        return properties;
    }

    @BeforeAll
    void seed() {
        api = new Api(client);
        owner = api.signUp(Api.unique("fuzz"));
        ownerToken = owner.token();
        for (IsolationSeeder seeder : seeders) {
            values.putAll(seeder.seed(new IsolationSeeder.Tenant(api, owner, database)));
            values.putAll(seeder.sharedValues());
            bodies.putAll(seeder.bodies());
        }
        String slug = api.get("/api/v1/me", ownerToken).body().path("tenant").path("slug").asText();
        values.put("slug", slug);
        String base = "/api/devportal/v1/tenants/" + slug;
        String email = Api.unique("fuzz-dev") + "@example.test";
        developerEmail = email;
        developerToken = api.post(base + "/signup", Map.of("email", email, "name", "Fuzz dev", "password", Api.PASSWORD), null)
                .body().path("session").path("token").asText();
        String appId = api.post(base + "/applications", Map.of("name", "Fuzz app"), developerToken).body().path("id").asText();
        values.put("appId", appId);
        api.post(base + "/applications/" + appId + "/subscriptions", Map.of("planId", values.get("planId")), developerToken);
        Api.Reply key = api.post(base + "/applications/" + appId + "/keys", Map.of("label", "k", "environment", "staging"), developerToken);
        values.put("keyIdOfDeveloper", key.status() < 300 ? key.body().path("id").asText() : UUID.randomUUID().toString());
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    void detachLogs() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void noRouteAnswersBadInputWithAServerError() throws Exception {
        java.util.Set<String> seen = new java.util.HashSet<>();
        // Sessions of its own: the walk ends by logging out, which must not end the other tests' sessions.
        String sharedOwner = ownerToken;
        String sharedDeveloper = developerToken;
        ownerToken = api.logIn(owner.email(), Api.PASSWORD, values.get("slug")).token();
        developerToken = api.post("/api/devportal/v1/tenants/" + values.get("slug") + "/sessions",
                Map.of("email", developerEmail, "password", Api.PASSWORD), null).body().path("session").path("token").asText();
        try {
            walkEveryRoute(seen);
        } finally {
            ownerToken = sharedOwner;
            developerToken = sharedDeveloper;
        }
    }

    private void walkEveryRoute(java.util.Set<String> seen) throws Exception {
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/v1/")
                        || r.getUriMatchTemplate().toString().startsWith("/api/devportal/v1/"))
                // Deleting routes last, ending sessions very last, so earlier probes keep their ids and tokens.
                .sorted(Comparator.<UriRouteInfo<?, ?>>comparingInt(r -> r.getHttpMethod() == HttpMethod.DELETE ? 1 : 0)
                        .thenComparingInt(r -> r.getUriMatchTemplate().toString().contains("/sessions/") ? 1 : 0)
                        .thenComparing(BadInputTest::key))
                .filter(r -> seen.add(key(r)))
                .toList();
        assertThat(routes).as("routes discovered from the Router").hasSizeGreaterThan(40);
        for (UriRouteInfo<?, ?> route : routes) {
            probe(route);
        }
        List<String> errorLogs = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
        assertThat(failures).as("answers to bad input (%d requests over %d routes)", sent, routes.size()).isEmpty();
        assertThat(errorLogs).as("ERROR logs caused by bad input").isEmpty();
        assertThat(sent).isGreaterThan(1000);
    }

    @Test
    void aNulCharacterIsRefusedNamingTheField() throws Exception {
        java.net.http.HttpResponse<String> reply = raw("POST", "/api/v1/sessions", null,
                "{\"email\": \"a\\u0000@x.test\", \"password\": \"whatever whatever\"}");
        assertProblem(reply, 400, "INVALID_FIELD_VALUE", "email");
        java.net.http.HttpResponse<String> nested = raw("PUT", "/api/v1/apis/" + values.get("apiId") + "/policies", ownerToken,
                "{\"policies\": [{\"type\": \"rate-limit\", \"x\": \"a\\u0000\"}]}", Map.of("If-Match", "W/\"0\""));
        assertProblem(nested, 400, "INVALID_FIELD_VALUE", "policies[0]");
        java.net.http.HttpResponse<String> inPath = raw("GET", "/api/devportal/v1/tenants/a%00b/apis", null, null);
        assertProblem(inPath, 400, "INVALID_FIELD_VALUE", "slug");
    }

    @Test
    void wrongJsonTypesAreNotCoerced() throws Exception {
        assertProblem(raw("PATCH", "/api/v1/tenant-settings", ownerToken, "{\"allowPrivateUpstreams\": 1}", Map.of("If-Match", "*")),
                400, "INVALID_FIELD_VALUE", "allowPrivateUpstreams");
        assertProblem(raw("POST", "/api/v1/developers", ownerToken, "{\"email\": \"n@example.test\", \"name\": 12345}"),
                400, "INVALID_FIELD_VALUE", "name");
        assertProblem(raw("POST", "/api/v1/keys/" + values.get("keyId") + "/rotate", ownerToken, "{\"overlapSeconds\": \"12\"}"),
                400, "INVALID_FIELD_VALUE", "overlapSeconds");
    }

    @Test
    void aBareValueWhereAnObjectIsExpectedIsMalformed() throws Exception {
        assertProblem(raw("POST", "/api/v1/invitations/lookup", null, "1"), 400, "MALFORMED_JSON", null);
        assertProblem(raw("POST", "/api/v1/invitations/lookup", null, "\"bwinv_x\""), 400, "MALFORMED_JSON", null);
        assertProblem(raw("PATCH", "/api/v1/members/" + values.get("userId"), ownerToken, "true"), 400, "MALFORMED_JSON", null);
    }

    @Test
    void routesThatReadNoBodyStillRefuseAnOversizeOne() throws Exception {
        java.net.http.HttpResponse<String> reply = raw("POST", "/api/v1/developers/" + values.get("developerId") + "/portal-invitation",
                ownerToken, OVERSIZE);
        assertProblem(reply, 413, "PAYLOAD_TOO_LARGE", null);
    }

    private java.net.http.HttpResponse<String> raw(String method, String uri, String token, String body) throws Exception {
        return raw(method, uri, token, body, Map.of());
    }

    private java.net.http.HttpResponse<String> raw(String method, String uri, String token, String body, Map<String, String> headers)
            throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + uri))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static void assertProblem(java.net.http.HttpResponse<String> reply, int status, String key, String field) throws Exception {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.path("key").asText()).as(reply.body()).isEqualTo(key);
        if (field != null) {
            assertThat(problem.path("errors").get(0).path("path").asText()).as(reply.body()).isEqualTo(field);
        }
    }

    private void probe(UriRouteInfo<?, ?> route) throws Exception {
        String key = key(route);
        String method = route.getHttpMethodName();
        String token = key.contains("/api/devportal/") ? developerToken : ownerToken;
        String uri = expand(route, Map.of());
        boolean readsBody = route.getHttpMethod() == HttpMethod.POST || route.getHttpMethod() == HttpMethod.PUT
                || route.getHttpMethod() == HttpMethod.PATCH;
        JsonNode template = JSON.readTree(fill(bodies.getOrDefault(key, "{}")));
        if (readsBody) {
            for (String bad : List.of("{\"name\": ", "1", "[]", "[{}]", "\"text\"", "null", "true", "{\"a\": 1} trailing",
                    "{\"\u0000\": 1}", deeplyNested(), "\u00ff\u00fe")) {
                send(key, method, uri, token, "application/json", bad, Map.of());
            }
            send(key, method, uri, token, "text/plain", template.toString(), Map.of());
            send(key, method, uri, token, "application/x-www-form-urlencoded", "name=x%00", Map.of());
            for (JsonNode variant : variants(template, bodyType(route))) {
                send(key, method, uri, token, "application/json", variant.toString(), Map.of());
            }
        }
        // Every route, whether it reads a body or not, refuses an oversize one.
        int status;
        try {
            boolean document = route.getAnnotationMetadata().hasAnnotation(BodyLimits.Document.class);
            status = send(key, method, uri, token, "application/json", document ? DOCUMENT_OVERSIZE : OVERSIZE, Map.of());
        } catch (java.io.IOException refusedMidUpload) {
            // The server answered 413 and closed the connection before the client finished sending the
            // body; the client may then see the reset instead of the answer. Still a refusal, not a 5xx.
            status = 413;
        }
        if (status != 413) {
            failures.add(key + " with a body over the size limit answered " + status + " (expected 413)");
        }
        for (String variable : route.getUriMatchTemplate().getVariableNames()) {
            for (String bad : List.of("not-an-id", "a%00b", "x".repeat(300), "%C0%AE", UUID.randomUUID().toString())) {
                send(key, method, expand(route, Map.of(variable, bad)), token, "application/json", template.toString(), Map.of());
            }
        }
        for (String query : List.of("limit=abc", "limit=99999999999", "cursor=garbage", "from=yesterday", "to=%00",
                "environment=a%00b", "status=%00&type=%00&granularity=%00&%00=1")) {
            send(key, method, uri + "?" + query, token, "application/json", readsBody ? template.toString() : null, Map.of());
        }
        List<Map<String, String>> headers = List.of(Map.of("If-Match", "garbage"), Map.of("If-Match", "W/\"99999999999999999999\""),
                Map.of("If-None-Match", "\"x\""), Map.of("X-Forwarded-For", "not-an-ip, ::::"), Map.of("Accept", "text/xml"),
                Map.of("Accept-Language", "xx;q=abc"), Map.of("X-Request-Id", "r".repeat(500)), Map.of("Cookie", "bw_session=garbage; bw_csrf=x"),
                Map.of("X-CSRF-Token", "garbage"), Map.of("Content-Encoding", "gzip"));
        for (Map<String, String> header : headers) {
            send(key, method, uri, token, "application/json", readsBody ? template.toString() : null, header);
        }
        send(key, method, uri, "garbage." + "x".repeat(100), "application/json", readsBody ? template.toString() : null, Map.of());
    }

    private int send(String route, String method, String uri, String token, String contentType, String body, Map<String, String> headers)
            throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + uri))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        java.net.http.HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
        sent++;
        int status = response.statusCode();
        String what = route + " " + method + " " + abbreviate(uri) + " " + headers + " body " + abbreviate(body);
        if (status >= 500) {
            failures.add(what + " answered " + status + " " + abbreviate(response.body()));
        } else if (status >= 400 && !"HEAD".equals(method)
                && !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            failures.add(what + " answered " + status + " without problem+json: " + response.headers().firstValue("Content-Type"));
        }
        return status;
    }

    /** The template varied one field at a time: NUL characters in strings and every other JSON type in its place. */
    private static List<JsonNode> variants(JsonNode template, Class<?> type) {
        List<JsonNode> out = new ArrayList<>();
        ObjectNode base = template.isObject() ? (ObjectNode) template : NODES.objectNode();
        List<String> fields = new ArrayList<>();
        base.fieldNames().forEachRemaining(fields::add);
        if (type != null && type.isRecord()) {
            for (var component : type.getRecordComponents()) {
                if (!fields.contains(component.getName())) {
                    fields.add(component.getName());
                }
            }
        }
        for (String field : fields) {
            JsonNode original = base.get(field);
            List<JsonNode> replacements = new ArrayList<>(List.of(NODES.textNode(NUL), NODES.numberNode(12345), NODES.numberNode(1),
                    NODES.numberNode(1.5), NODES.booleanNode(true), NODES.textNode("true"), NODES.textNode("12"), NODES.objectNode(),
                    NODES.arrayNode().add(NUL), NODES.textNode("")));
            if (original != null && original.isContainerNode()) {
                replacements.add(withNul(original));
            }
            for (JsonNode replacement : replacements) {
                ObjectNode copy = base.deepCopy();
                copy.set(field, replacement);
                out.add(copy);
            }
        }
        return out;
    }

    /** Every string inside a container replaced by one with a NUL character. */
    private static JsonNode withNul(JsonNode node) {
        if (node.isTextual()) {
            return NODES.textNode(node.asText() + "\u0000");
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(withNul(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), withNul(e.getValue())));
            return copy;
        }
        return node;
    }

    private static Class<?> bodyType(UriRouteInfo<?, ?> route) {
        for (Argument<?> argument : route.getTargetMethod().getArguments()) {
            if (argument.getAnnotationMetadata().hasAnnotation(Body.class)) {
                return argument.getType();
            }
        }
        return null;
    }

    private static String deeplyNested() {
        return "{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
    }

    private String expand(UriRouteInfo<?, ?> route, Map<String, String> overrides) {
        Map<String, Object> expanded = new LinkedHashMap<>();
        boolean portal = key(route).contains("/api/devportal/");
        for (String variable : route.getUriMatchTemplate().getVariableNames()) {
            String value = portal && "keyId".equals(variable) ? values.get("keyIdOfDeveloper") : values.get(variable);
            expanded.put(variable, value == null ? UUID.randomUUID().toString() : value);
        }
        String uri = route.getUriMatchTemplate().expand(expanded);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            // Raw (already encoded) bad values, so %00 reaches the server as sent.
            uri = uri.replace(String.valueOf(expanded.get(e.getKey())), e.getValue());
        }
        return uri;
    }

    private String fill(String body) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            body = body.replace("{" + e.getKey() + "}", e.getValue());
        }
        return body;
    }

    private static String key(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate().toString();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "none";
        }
        String visible = s.replace("\u0000", "\\u0000");
        return visible.length() > 160 ? visible.substring(0, 160) + "…(" + s.length() + " chars)" : visible;
    }
}
