package dev.bulwark.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test-side HTTP calls that return every response, 2xx or not, with its body parsed as JSON. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;

    public Api(HttpClient client) {
        this.client = client;
    }

    public record Reply(int status, JsonNode body, HttpResponse<?> raw) {
        public String header(String name) {
            return raw.getHeaders().get(name);
        }

        public String key() {
            return body == null ? null : body.path("key").asText(null);
        }

        public String contentType() {
            return raw.getContentType().map(MediaType::toString).orElse(null);
        }

        public Optional<String> cookie(String name) {
            return raw.getHeaders().getAll("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }
    }

    /** A signed-up tenant's owner (or any member) with their bearer token. */
    public record Session(String token, UUID tenantId, UUID userId, String email, String csrf, String sessionCookie) {
    }

    public Reply send(MutableHttpRequest<?> request) {
        request.header("Accept", "application/json, application/problem+json");
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
            return new Reply(response.code(), parse(response.body()), response);
        } catch (HttpClientResponseException e) {
            HttpResponse<?> response = e.getResponse();
            String body = response.getBody(String.class).orElse(null);
            return new Reply(response.code(), parse(body), response);
        }
    }

    public Reply get(String path, String token) {
        return send(auth(HttpRequest.GET(path), token));
    }

    public Reply post(String path, Object body, String token) {
        return send(auth(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), token));
    }

    public Reply delete(String path, String token) {
        return send(auth(HttpRequest.DELETE(path), token));
    }

    public Reply patch(String path, Object body, String token, String ifMatch) {
        MutableHttpRequest<?> request = auth(HttpRequest.PATCH(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), token);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    public static <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request, String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        return request;
    }

    public Session signUp(String slug) {
        String email = "owner-" + slug + "@example.test";
        Reply reply = post("/api/v1/signup", Map.of("tenantName", "Tenant " + slug, "tenantSlug", slug, "email", email,
                "password", PASSWORD, "displayName", "Owner " + slug), null);
        if (reply.status() != 201) {
            throw new AssertionError("sign-up failed: " + reply.status() + " " + reply.body());
        }
        return session(reply, email);
    }

    public Session logIn(String email, String password, String tenantSlug) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "password", password));
        if (tenantSlug != null) {
            body.put("tenantSlug", tenantSlug);
        }
        Reply reply = post("/api/v1/sessions", body, null);
        if (reply.status() != 200) {
            throw new AssertionError("log-in failed: " + reply.status() + " " + reply.body());
        }
        return session(reply, email);
    }

    public static Session session(Reply reply, String email) {
        String csrf = reply.cookie("bw_csrf").map(Api::cookieValue).orElse(null);
        String cookie = reply.cookie("bw_session").map(Api::cookieValue).orElse(null);
        return new Session(reply.body().path("session").path("token").asText(),
                UUID.fromString(reply.body().path("tenant").path("id").asText()),
                UUID.fromString(reply.body().path("user").path("id").asText()), email, csrf, cookie);
    }

    private static String cookieValue(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        return pair.substring(pair.indexOf('=') + 1);
    }

    public static final String PASSWORD = "correct horse battery staple 42";

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
