package dev.bulwark.launcher.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A call through a data plane with an API key, as a tenant's API consumer makes it. */
public record GatewayCall(int status, String body, HttpResponse<String> response) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public static GatewayCall get(String gatewayUrl, String path, String apiKey) {
        return send("GET", gatewayUrl, path, apiKey == null ? null : "X-API-Key", apiKey);
    }

    /** A call with an OAuth access token ({@code Authorization: Bearer}). */
    public static GatewayCall bearer(String method, String gatewayUrl, String path, String accessToken) {
        return send(method, gatewayUrl, path, "Authorization", "Bearer " + accessToken);
    }

    private static GatewayCall send(String method, String gatewayUrl, String path, String header, String credential) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path)).timeout(Duration.ofSeconds(5))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (header != null) {
                request.header(header, credential);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new GatewayCall(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            // A refused connection (a stopped data plane) reads as status 0, never as a pass.
            return new GatewayCall(0, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Optional<String> header(String name) {
        return response == null ? Optional.empty() : response.headers().firstValue(name);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
