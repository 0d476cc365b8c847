package dev.bulwark.testing.vulnerable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A small shop API with one planted flaw per check of the active scanner, and its fixed twin. The
 * contract is {@code /vulnerable/planted-flaw-api.yaml}. Flaws of the flawed twin, by check:
 * <ul>
 *   <li>auth-missing-credential: {@code GET /reports} checks no credential;</li>
 *   <li>auth-invalid-credential: a credential that is not a JWT falls back to a guest;</li>
 *   <li>auth-expired-credential / auth-revoked-credential: expiry and revocation are ignored;</li>
 *   <li>jwt-alg-none: unsigned tokens are accepted; jwt-weak-secret: signed with "secret";</li>
 *   <li>bola: {@code GET /orders/{orderId}} never checks the owner;</li>
 *   <li>bfla: {@code GET /admin/users} needs no admin role;</li>
 *   <li>excessive-data-exposure: an order carries {@code cardNumber} and {@code internalNote};</li>
 *   <li>mass-assignment: {@code POST /orders} stores every property sent;</li>
 *   <li>injection: {@code GET /products?search=} concatenates SQL (real PostgreSQL);</li>
 *   <li>verbose-errors: {@code GET /products/{productId}} answers a bad id with a stack trace;</li>
 *   <li>ssrf: {@code GET /preview?url=} fetches any URL;</li>
 *   <li>missing-rate-limit: no limit; cors-misconfiguration: any origin, with credentials;</li>
 *   <li>security-headers: {@code X-Powered-By}, no {@code nosniff}; unsafe-http-methods: TRACE echoes;</li>
 *   <li>transport-security: plain HTTP (the fixed twin is served over HTTPS with HSTS).</li>
 * </ul>
 */
public final class PlantedFlawApi implements AutoCloseable {
    /** Requests per path and subject per minute the fixed twin allows. */
    public static final int RATE_LIMIT = 20;
    /** The only preview host the fixed twin accepts (nothing listens there). */
    public static final String PREVIEW_HOST = "127.0.0.1:9";
    /** The header in which the Bulwark gateway names the application it authenticated. */
    public static final String GATEWAY_APPLICATION_HEADER = "X-Bulwark-Application-Id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean flawed;
    private final boolean authenticates;
    private final HttpServer server;
    private final TestTokens tokens;
    private final TlsMaterial tls;
    private final Catalogue catalogue;
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<String> customers = ConcurrentHashMap.newKeySet();
    private final Set<String> apiKeysSeen = ConcurrentHashMap.newKeySet();
    private final RateWindow rates = new RateWindow(RATE_LIMIT, 60_000);
    private final AtomicInteger nextOrder = new AtomicInteger(100);

    private PlantedFlawApi(boolean flawed, boolean https, boolean authenticates, TestDatabase database) throws Exception {
        this.flawed = flawed;
        this.authenticates = authenticates;
        this.tokens = flawed ? TestTokens.weak() : TestTokens.strong();
        this.catalogue = Catalogue.create(database);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (https) {
            tls = TlsMaterial.generate();
            HttpsServer secure = HttpsServer.create(address, 32);
            secure.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
            server = secure;
        } else {
            tls = null;
            server = HttpServer.create(address, 32);
        }
        order("ord-1", "alice", "book");
        order("ord-2", "bob", "lamp");
        customers.addAll(List.of("alice", "bob"));
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The flawed twin, over plain HTTP. */
    public static PlantedFlawApi flawed(TestDatabase database) throws Exception {
        return new PlantedFlawApi(true, false, true, database);
    }

    /**
     * The flawed twin without any authentication of its own: it leaves that to the gateway in front
     * (a common set-up), so what a scan finds about credentials and rate limits is the gateway's doing.
     * The caller is the application the gateway names in {@link #GATEWAY_APPLICATION_HEADER} (each new
     * one gets an order of its own), so two test consumers see different orders and BOLA shows.
     */
    public static PlantedFlawApi trustingTheGateway(TestDatabase database) throws Exception {
        return new PlantedFlawApi(true, false, false, database);
    }

    /**
     * The fixed twin of {@link #trustingTheGateway}: every flaw closed but authentication, which it
     * leaves to the gateway as well (over plain HTTP).
     */
    public static PlantedFlawApi fixedTrustingTheGateway(TestDatabase database) throws Exception {
        return new PlantedFlawApi(false, false, false, database);
    }

    /** The fixed twin; {@code https} serves it over TLS with a certificate {@link #clientTrust()} trusts. */
    public static PlantedFlawApi fixed(TestDatabase database, boolean https) throws Exception {
        return new PlantedFlawApi(false, https, true, database);
    }

    public URI baseUrl() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Trust for the fixed twin's self-signed certificate; null over plain HTTP. */
    public SSLContext clientTrust() {
        return tls == null ? null : tls.clientContext();
    }

    public TestTokens tokens() {
        return tokens;
    }

    public String token(String subject, String role) {
        return tokens.mint(subject, role, Instant.now().plusSeconds(3600));
    }

    public String expiredToken(String subject) {
        return tokens.mint(subject, "user", Instant.now().minusSeconds(3600));
    }

    public String revokedToken(String subject) {
        String token = token(subject, "user");
        tokens.read(token, false).ifPresent(claims -> revoked.add(claims.tokenId()));
        return token;
    }

    /**
     * The {@code X-API-Key} values that reached the upstream: only a gateway whose api-key policy does
     * not strip the credential forwards them (tests use it to learn keys the control plane issued).
     */
    public Set<String> apiKeysSeen() {
        return Set.copyOf(apiKeysSeen);
    }

    /** "METHOD /path" of every request received, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    public static String contract() {
        try (InputStream in = PlantedFlawApi.class.getResourceAsStream("/vulnerable/planted-flaw-api.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void order(String id, String owner, String item) {
        ObjectNode order = JSON.createObjectNode().put("id", id).put("item", item).put("quantity", 1).put("status", "pending");
        order.put("owner", owner);
        orders.put(id, order);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        received.add(method + " " + path);
        String apiKey = exchange.getRequestHeaders().getFirst("X-API-Key");
        if (apiKey != null) {
            apiKeysSeen.add(apiKey);
        }
        try (exchange) {
            headers(exchange);
            if ("TRACE".equals(method)) {
                trace(exchange);
                return;
            }
            if (path.equals("/reports") && method.equals("GET") && flawed) {
                send(exchange, 200, "{\"total\":42}");
                return;
            }
            TestTokens.Claims caller = authenticate(exchange);
            if (caller == null) {
                send(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
                return;
            }
            if (!flawed && !rates.allow(path + "|" + caller.subject())) {
                exchange.getResponseHeaders().add("Retry-After", "60");
                send(exchange, 429, "{\"title\":\"Too Many Requests\",\"status\":429}");
                return;
            }
            new Routes(this, caller).route(exchange, method, path);
        }
    }

    /** The caller's claims, or null for 401. */
    private TestTokens.Claims authenticate(HttpExchange exchange) {
        if (!authenticates) {
            // The gateway names the application it authenticated; without one (no policy) everyone is alice.
            String application = exchange.getRequestHeaders().getFirst(GATEWAY_APPLICATION_HEADER);
            String subject = application == null || application.isBlank() ? "alice" : application;
            if (customers.add(subject)) {
                order(nextOrderId(), subject, "gift card");  // a new customer starts with one order of its own
            }
            return new TestTokens.Claims(subject, "user", 0, "", "gateway");
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        String token = header.substring(7).trim();
        if (flawed && !TestTokens.looksLikeJwt(token)) {
            return new TestTokens.Claims("guest", "user", 0, "", "legacy");  // "legacy keys": fails open
        }
        TestTokens.Claims claims = tokens.read(token, flawed).orElse(null);
        if (claims == null || flawed) {
            return claims;
        }
        boolean expired = claims.expiresAt() <= Instant.now().getEpochSecond();
        return expired || revoked.contains(claims.tokenId()) ? null : claims;
    }

    private void headers(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        if (flawed) {
            headers.add("X-Powered-By", "PlantedFlaw/1.0");
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                headers.add("Access-Control-Allow-Origin", origin);
                headers.add("Access-Control-Allow-Credentials", "true");
            }
        } else {
            headers.add("X-Content-Type-Options", "nosniff");
            if (tls != null) {
                headers.add("Strict-Transport-Security", "max-age=31536000");
            }
        }
    }

    private void trace(HttpExchange exchange) throws IOException {
        if (!flawed) {
            send(exchange, 405, "{\"title\":\"Method Not Allowed\",\"status\":405}");
            return;
        }
        StringBuilder echo = new StringBuilder("TRACE " + exchange.getRequestURI() + "\n");
        exchange.getRequestHeaders().forEach((name, values) -> echo.append(name).append(": ").append(values.get(0)).append('\n'));
        byte[] body = echo.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "message/http");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    static String stackTrace(Exception e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    boolean flawed() {
        return flawed;
    }

    Map<String, ObjectNode> orders() {
        return orders;
    }

    Catalogue catalogue() {
        return catalogue;
    }

    String nextOrderId() {
        return "ord-" + nextOrder.incrementAndGet();
    }

    static ObjectMapper json() {
        return JSON;
    }

    static JsonNode readBody(HttpExchange exchange) throws IOException {
        return JSON.readTree(exchange.getRequestBody());
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        if (tls != null) {
            tls.close();
        }
    }
}
