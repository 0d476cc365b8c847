package dev.bulwark.testing.vulnerable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The planted-flaw API's operations for one authenticated caller; the flaws are the {@code flawed} branches. */
final class Routes {
    private static final Set<String> DOCUMENTED = Set.of("id", "item", "quantity", "status");
    private final PlantedFlawApi api;
    private final TestTokens.Claims caller;

    Routes(PlantedFlawApi api, TestTokens.Claims caller) {
        this.api = api;
        this.caller = caller;
    }

    void route(HttpExchange exchange, String method, String path) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        if (method.equals("GET") && path.equals("/orders")) {
            ArrayNode list = PlantedFlawApi.json().createArrayNode();
            api.orders().values().stream().filter(o -> o.path("owner").asText().equals(caller.subject()))
                    .forEach(o -> list.add(documented(o)));
            PlantedFlawApi.send(exchange, 200, list.toString());
        } else if (method.equals("GET") && path.startsWith("/orders/")) {
            ObjectNode order = api.orders().get(path.substring("/orders/".length()));
            boolean visible = order != null && (api.flawed() || order.path("owner").asText().equals(caller.subject()));
            if (!visible) {
                PlantedFlawApi.send(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
            } else {
                PlantedFlawApi.send(exchange, 200, (api.flawed() ? exposed(order) : documented(order)).toString());
            }
        } else if (method.equals("POST") && path.equals("/orders")) {
            create(exchange);
        } else if (method.equals("GET") && path.equals("/products")) {
            products(exchange, query.getOrDefault("search", ""));
        } else if (method.equals("GET") && path.startsWith("/products/")) {
            product(exchange, path.substring("/products/".length()));
        } else if (method.equals("GET") && path.equals("/preview")) {
            preview(exchange, query.getOrDefault("url", ""));
        } else if (method.equals("GET") && path.equals("/admin/users")) {
            if (!api.flawed() && !"admin".equals(caller.role())) {
                PlantedFlawApi.send(exchange, 403, "{\"title\":\"Forbidden\",\"status\":403}");
            } else {
                PlantedFlawApi.send(exchange, 200, "[{\"id\":\"alice\",\"name\":\"Alice\"},{\"id\":\"bob\",\"name\":\"Bob\"}]");
            }
        } else if (method.equals("GET") && path.equals("/reports")) {
            PlantedFlawApi.send(exchange, 200, "{\"total\":42}");
        } else {
            PlantedFlawApi.send(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = PlantedFlawApi.readBody(exchange);
        } catch (IOException e) {
            PlantedFlawApi.send(exchange, 400, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"body is not JSON\"}");
            return;
        }
        if (!body.isObject()) {
            PlantedFlawApi.send(exchange, 400, "{\"title\":\"Bad Request\",\"status\":400}");
            return;
        }
        ObjectNode order = PlantedFlawApi.json().createObjectNode();
        if (api.flawed()) {
            order.setAll((ObjectNode) body);  // binds every property sent, readOnly and undeclared ones too
        } else {
            order.put("item", body.path("item").asText("")).put("quantity", body.path("quantity").asInt(1));
        }
        String id = api.nextOrderId();
        order.put("id", api.flawed() && body.hasNonNull("id") ? body.get("id").asText() : id);
        if (!order.hasNonNull("status")) {
            order.put("status", "pending");
        }
        order.put("owner", caller.subject());
        api.orders().put(order.get("id").asText(), order);
        ObjectNode answer = api.flawed() ? order.deepCopy() : documented(order);
        answer.remove("owner");
        PlantedFlawApi.send(exchange, 201, answer.toString());
    }

    private void products(HttpExchange exchange, String search) throws IOException {
        try {
            PlantedFlawApi.send(exchange, 200, api.catalogue().search(search, api.flawed()).toString());
        } catch (SQLException e) {
            if (api.flawed()) {
                PlantedFlawApi.send(exchange, 500, "{\"error\":" + PlantedFlawApi.json().writeValueAsString(e.getMessage()) + "}");
            } else {
                PlantedFlawApi.send(exchange, 500, "{\"title\":\"Internal Server Error\",\"status\":500}");
            }
        }
    }

    private void product(HttpExchange exchange, String id) throws IOException {
        long productId;
        try {
            productId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            if (api.flawed()) {
                PlantedFlawApi.send(exchange, 500, "{\"error\":" + PlantedFlawApi.json().writeValueAsString(
                        PlantedFlawApi.stackTrace(e)) + "}");
            } else {
                PlantedFlawApi.send(exchange, 400, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"productId must be an integer\"}");
            }
            return;
        }
        try {
            JsonNode product = api.catalogue().byId(productId);
            PlantedFlawApi.send(exchange, product == null ? 404 : 200, product == null
                    ? "{\"title\":\"Not Found\",\"status\":404}" : product.toString());
        } catch (SQLException e) {
            PlantedFlawApi.send(exchange, 500, "{\"title\":\"Internal Server Error\",\"status\":500}");
        }
    }

    private void preview(HttpExchange exchange, String url) throws IOException {
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException e) {
            PlantedFlawApi.send(exchange, 400, "{\"title\":\"Bad Request\",\"status\":400}");
            return;
        }
        if (!api.flawed()) {
            // Fixed: only the image host is accepted, and it is not fetched in tests (nothing listens there).
            boolean allowed = PlantedFlawApi.PREVIEW_HOST.equals(target.getRawAuthority());
            PlantedFlawApi.send(exchange, allowed ? 200 : 400, allowed ? "{\"fetched\":false}"
                    : "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"url host is not allowed\"}");
            return;
        }
        boolean fetched;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            client.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            fetched = true;
        } catch (IOException | IllegalArgumentException e) {
            fetched = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fetched = false;
        }
        PlantedFlawApi.send(exchange, 200, "{\"fetched\":" + fetched + "}");
    }

    private static ObjectNode documented(ObjectNode order) {
        ObjectNode out = PlantedFlawApi.json().createObjectNode();
        order.fields().forEachRemaining(field -> {
            if (DOCUMENTED.contains(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        });
        return out;
    }

    private static ObjectNode exposed(ObjectNode order) {
        ObjectNode out = order.deepCopy();
        out.remove("owner");
        out.put("cardNumber", "4111111111111111").put("internalNote", "VIP, refund without asking");
        return out;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
