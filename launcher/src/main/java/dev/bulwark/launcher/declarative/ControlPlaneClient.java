package dev.bulwark.launcher.declarative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The control plane's public {@code /api/v1} as the command line uses it: a tenant automation token
 * as bearer, JSON both ways, {@code If-Match} on updates, and every non-2xx answer turned into an
 * {@link ApiProblem} carrying the server's problem details.
 */
final class ControlPlaneClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/api/v1";

    /** An answer: its JSON body (null when empty) and its ETag (null when none). */
    record Answer(JsonNode body, String etag) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    ControlPlaneClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    /** Every item of a paged list, following {@code nextCursor}. */
    List<JsonNode> list(String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            String separator = path.contains("?") ? "&" : "?";
            String page = path + separator + "limit=200" + (cursor == null ? "" : "&cursor=" + encode(cursor));
            JsonNode body = get(page).body();
            ((ArrayNode) body.path("items")).forEach(items::add);
            cursor = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    Answer post(String path, Object body) {
        return send("POST", path, body, null);
    }

    Answer update(String method, String path, Object body, String ifMatch) {
        return send(method, path, body, ifMatch);
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(String method, String path, Object body, String ifMatch) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + PREFIX + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json, application/problem+json")
                    .header("Authorization", "Bearer " + token);
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = parse(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new ApiProblem(method, PREFIX + path, response.statusCode(), json);
            }
            return new Answer(json, response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new CliException("cannot reach the control plane at " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
