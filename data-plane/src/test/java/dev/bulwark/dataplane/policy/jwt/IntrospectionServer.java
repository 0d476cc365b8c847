package dev.bulwark.dataplane.policy.jwt;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real RFC 7662 endpoint for tests: checks client_secret_basic and the form as an authorization
 * server would (401/400 otherwise), answers from what the test registered, counts calls per token,
 * and can fail (500) or hold its answers until the test releases them.
 */
final class IntrospectionServer {
    private final String clientId;
    private final String secret;
    private final Map<String, JsonObject> answers = new ConcurrentHashMap<>();
    private final Map<String, String[]> rawAnswers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
    private volatile boolean failing;
    private volatile boolean holding;
    private final int port;

    IntrospectionServer(Vertx vertx, String clientId, String secret) {
        this.clientId = clientId;
        this.secret = secret;
        this.port = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await().actualPort();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> form = form(body.toString(StandardCharsets.UTF_8));
            boolean authenticated = ("Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(secret))
                    .getBytes(StandardCharsets.UTF_8))).equals(request.getHeader("Authorization"));
            if (!authenticated || !"POST".equals(request.method().name())
                    || !"application/x-www-form-urlencoded".equals(request.getHeader("Content-Type"))
                    || !"access_token".equals(form.get("token_type_hint")) || form.get("token") == null) {
                refused.incrementAndGet();
                request.response().setStatusCode(authenticated ? 400 : 401).end();
                return;
            }
            String token = form.get("token");
            calls.computeIfAbsent(token, ignored -> new AtomicInteger()).incrementAndGet();
            Runnable answer = () -> {
                String[] raw = rawAnswers.get(token);
                if (failing) {
                    request.response().setStatusCode(500).end();
                } else if (raw != null) {
                    // Chunked, without Content-Length: the size bound must hold while the body streams in.
                    request.response().setChunked(true).putHeader("Content-Type", raw[0]).end(raw[1]);
                } else {
                    request.response().putHeader("Content-Type", "application/json")
                            .end(answers.getOrDefault(token, new JsonObject().put("active", false)).encode());
                }
            };
            if (holding) {
                held.add(answer);
            } else {
                answer.run();
            }
        });
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                out.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    void answer(String token, JsonObject answer) {
        answers.put(token, answer);
    }

    JsonObject answerFor(String token) {
        return answers.get(token).copy();
    }

    /** Answers {@code token} with this content type and body, whatever they are. */
    void answerRaw(String token, String contentType, String body) {
        rawAnswers.put(token, new String[] {contentType, body});
    }

    int calls(String token) {
        AtomicInteger count = calls.get(token);
        return count == null ? 0 : count.get();
    }

    int refused() {
        return refused.get();
    }

    void fail(boolean failing) {
        this.failing = failing;
    }

    /** Answers wait until {@link #release()}. */
    void hold() {
        holding = true;
    }

    void release() {
        holding = false;
        for (Runnable answer = held.poll(); answer != null; answer = held.poll()) {
            answer.run();
        }
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    String url() {
        return origin() + "/realms/shop/protocol/openid-connect/token/introspect";
    }
}
