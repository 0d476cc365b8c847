package dev.bulwark.controlplane.domain;

import static dev.bulwark.controlplane.api.CatalogTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Domain claims end to end: a real DNS server on loopback ({@link TinyDnsServer}) answers the TXT
 * and A lookups, a real HTTP server serves (or fails to serve) the challenge, and the control plane
 * decides which hosts a tenant may publish on.
 */
@MicronautTest(transactional = false)
class DomainClaimsHttpTest extends RealDatabaseTest {
    private static final String PLATFORM = "apis.bulwark-platform.dev";

    private final TinyDnsServer dns = start();
    private final HttpServer challenges = challengeServer();
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private final AtomicInteger challengeRequests = new AtomicInteger();

    @Inject @Client("/") HttpClient client;
    Api http;
    Api.Session owner;
    String ownerSlug;
    Api.Session stranger;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "DomainClaimsHttpTest");
        properties.put("bulwark.domains.dns-server", "127.0.0.1:" + dns.port());
        properties.put("bulwark.domains.http-challenge-port", Integer.toString(challenges.getAddress().getPort()));
        properties.put("bulwark.platform.api-domain", PLATFORM);
        properties.put("micronaut.http.client.read-timeout", "60s");
        return properties;
    }

    @BeforeAll
    void signUp() {
        http = new Api(client);
        ownerSlug = Api.unique("domains");
        owner = http.signUp(ownerSlug);
        stranger = http.signUp(Api.unique("stranger"));
    }

    @AfterAll
    void stopServers() {
        dns.close();
        challenges.stop(0);
    }

    @Test
    void aDnsProvedDomainCanCarryAnApiAndNoOtherTenantCanProveIt() {
        String domain = "shop." + Api.unique("acme") + ".dev";
        Reply claim = http.post("/api/v1/domains", Map.of("domain", domain.toUpperCase() + "."), owner.token());
        assertThat(claim.status()).isEqualTo(201);
        assertThat(claim.body().path("domain").asText()).isEqualTo(domain);
        assertThat(claim.body().path("status").asText()).isEqualTo("pending");
        String token = claim.body().path("dns").path("value").asText();
        assertThat(token).startsWith("bulwark-").hasSizeGreaterThan(30);
        assertThat(claim.body().path("dns").path("name").asText()).isEqualTo("_bulwark-challenge." + domain);
        String claimId = claim.body().path("id").asText();

        Reply early = publish(owner, domain, "/shop-early");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.key()).isEqualTo("HOST_NOT_VERIFIED");
        assertThat(fields(early)).containsExactly("host");

        Reply unproved = http.post("/api/v1/domains/" + claimId + "/verify", Map.of("method", "dns"), owner.token());
        assertThat(unproved.status()).isEqualTo(409);
        assertThat(unproved.key()).isEqualTo("DOMAIN_NOT_VERIFIED");
        dns.addTxt("_bulwark-challenge." + domain, "some-other-verification=1");
        dns.addTxt("_bulwark-challenge." + domain, token);

        Reply verified = http.post("/api/v1/domains/" + claimId + "/verify", Map.of("method", "dns"), owner.token());
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("status").asText()).isEqualTo("verified");
        assertThat(verified.body().path("verifiedBy").asText()).isEqualTo("dns");
        assertThat(publish(owner, domain, "/shop").status()).isEqualTo(200);

        // Another tenant may claim the name, even publish its own token, but cannot take it over.
        Reply theirs = http.post("/api/v1/domains", Map.of("domain", domain), stranger.token());
        assertThat(theirs.status()).isEqualTo(201);
        dns.addTxt("_bulwark-challenge." + domain, theirs.body().path("dns").path("value").asText());
        Reply taken = http.post("/api/v1/domains/" + theirs.body().path("id").asText() + "/verify", Map.of("method", "dns"),
                stranger.token());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.key()).isEqualTo("DOMAIN_TAKEN");
        assertThat(publish(stranger, domain, "/elsewhere").key()).isEqualTo("HOST_NOT_VERIFIED");

        Reply inUse = http.delete("/api/v1/domains/" + claimId, owner.token());
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.key()).isEqualTo("DOMAIN_IN_USE");
        assertThat(http.get("/api/v1/domains", owner.token()).body().path("items").findValuesAsText("domain")).contains(domain);
    }

    @Test
    void theHttpChallengeIsFetchedFromTheCheckedAddressWithoutRedirects() throws Exception {
        String domain = "web." + Api.unique("acme") + ".dev";
        Reply claim = http.post("/api/v1/domains", Map.of("domain", domain), owner.token());
        String token = claim.body().path("http").path("body").asText();
        assertThat(claim.body().path("http").path("url").asText())
                .isEqualTo("http://" + domain + "/.well-known/bulwark-challenge/" + token);
        dns.addA(domain, "127.0.0.1");

        // A redirect to where the token is served is not followed.
        answers.put(token, new String[] {"302", "/.well-known/bulwark-challenge/" + token + "?again"});
        Reply redirected = http.post("/api/v1/domains/" + claim.body().path("id").asText() + "/verify", Map.of("method", "http"),
                owner.token());
        assertThat(redirected.status()).isEqualTo(409);
        assertThat(redirected.key()).isEqualTo("DOMAIN_NOT_VERIFIED");

        answers.put(token, new String[] {"200", token + "\n"});
        Reply verified = http.post("/api/v1/domains/" + claim.body().path("id").asText() + "/verify", Map.of("method", "http"),
                owner.token());
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("verifiedBy").asText()).isEqualTo("http");
    }

    @Test
    void theProductionAddressPolicyNeverFetchesFromLoopbackOrPrivateAddresses() throws Exception {
        String domain = "internal." + Api.unique("acme") + ".dev";
        dns.addA(domain, "127.0.0.1");
        String token = "bulwark-" + UUID.randomUUID();
        answers.put(token, new String[] {"200", token});
        DomainVerifier guarded = new DomainVerifier(new JndiDnsResolver("127.0.0.1:" + dns.port()), new PublicAddressesOnly(),
                challenges.getAddress().getPort());
        int before = challengeRequests.get();

        DomainVerifier.Result result = guarded.byHttp(new DomainClaim(UUID.randomUUID(), domain, token, null, null, Instant.now()));

        assertThat(result.proved()).isFalse();
        assertThat(result.reason()).contains("not public");
        assertThat(challengeRequests.get()).as("no connection was made").isEqualTo(before);
        PublicAddressesOnly policy = new PublicAddressesOnly();
        for (String refused : List.of("127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "100.100.100.200", "0.0.0.0", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "fd00:ec2::254", "fe80::1", "224.0.0.1")) {
            assertThat(policy.permits(InetAddress.getByName(refused))).as(refused).isFalse();
        }
        assertThat(policy.permits(InetAddress.getByName("203.0.113.7"))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("2001:db8::1"))).isTrue();
    }

    @Test
    void thePlatformSubdomainNeedsNoProofAndBelongsToItsTenantOnly() {
        Reply list = http.get("/api/v1/domains", owner.token());
        String assigned = ownerSlug + "." + PLATFORM;
        assertThat(list.body().path("platformDomain").asText()).isEqualTo(assigned);

        assertThat(publish(owner, "v1." + assigned, "/").status()).isEqualTo(200);
        Reply squatter = publish(stranger, assigned, "/mine");
        assertThat(squatter.key()).isEqualTo("HOST_NOT_VERIFIED");
        Reply claimUnderPlatform = http.post("/api/v1/domains", Map.of("domain", "x." + PLATFORM), stranger.token());
        assertThat(claimUnderPlatform.status()).isEqualTo(400);
        assertThat(fields(claimUnderPlatform)).containsExactly("domain");
        Reply reserved = http.post("/api/v1/domains", Map.of("domain", "metadata.internal"), stranger.token());
        assertThat(reserved.status()).isEqualTo(400);
    }

    private Reply publish(Api.Session session, String host, String basePath) {
        Reply created = http.post("/api/v1/apis", Map.of("name", "API " + basePath, "openapi", document("orders-3.1.yaml"),
                "basePath", basePath, "host", host, "upstreamUrls", List.of("https://203.0.113.40")), session.token());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("id").asText();
        Reply policies = http.send(Api.auth(HttpRequest.PUT("/api/v1/apis/" + id + "/policies", Map.of("policies",
                List.of(Map.of("type", "api-key")))).contentType(MediaType.APPLICATION_JSON_TYPE), session.token())
                .header("If-Match", "W/\"0\""));
        assertThat(policies.status()).isEqualTo(200);
        return http.post("/api/v1/apis/" + id + "/lifecycle", Map.of("state", "published"), session.token());
    }

    private static List<String> fields(Reply reply) {
        return reply.body().path("errors").findValuesAsText("path");
    }

    private static TinyDnsServer start() {
        try {
            return new TinyDnsServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpServer challengeServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/bulwark-challenge/", exchange -> {
                challengeRequests.incrementAndGet();
                String token = exchange.getRequestURI().getPath().substring("/.well-known/bulwark-challenge/".length());
                String[] answer = answers.getOrDefault(token, new String[] {"404", "unknown"});
                if (answer[0].equals("302")) {
                    exchange.getResponseHeaders().add("Location", answer[1]);
                    exchange.sendResponseHeaders(302, -1);
                } else {
                    byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
