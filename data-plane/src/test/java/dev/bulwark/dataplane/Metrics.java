package dev.bulwark.dataplane;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Reads one sample from a gateway's Prometheus endpoint (status port, /metrics). */
public final class Metrics {
    // HTTP/1.1 and deadlines: the default client's h2c upgrade to the status port once hung a CI run with no timeout.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Metrics() {
    }

    /** The sample of {@code name} carrying all of {@code labels}, or NaN when there is none. */
    public static double value(int statusPort, String name, Map<String, String> labels) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPort + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            int close = line.indexOf('}');
            String labelText = line.substring(name.length() + 1, close);
            boolean all = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                all &= labelText.contains(label.getKey() + "=\"" + label.getValue() + "\"");
            }
            if (all) {
                return Double.parseDouble(line.substring(close + 1).trim());
            }
        }
        return Double.NaN;
    }
}
