package dev.bulwark.dataplane.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP requests against a harness port. */
public final class HttpProbe {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private HttpProbe() {
    }

    public static HttpResponse<String> get(int port, String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(uri(port, pathAndQuery)).GET(), headers);
    }

    public static HttpResponse<String> send(String method, int port, String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(uri(port, pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    public static HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static URI uri(int port, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }
}
