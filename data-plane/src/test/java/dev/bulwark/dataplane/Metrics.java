package dev.bulwark.dataplane;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Reads one sample from a gateway's Prometheus endpoint (status port, /metrics). */
public final class Metrics {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Metrics() {
    }

    /** The sample of {@code name} carrying all of {@code labels}, or NaN when there is none. */
    public static double value(int statusPort, String name, Map<String, String> labels) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPort + "/metrics")).build(),
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
