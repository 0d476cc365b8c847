package dev.bulwark.dataplane.policy.jwt;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.contracts.policy.JwtAlgorithm;
import dev.bulwark.contracts.policy.JwtAuthConfig;
import dev.bulwark.dataplane.policy.PolicyHarness;
import dev.bulwark.dataplane.policy.RedisFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwtAuthPolicyTest {
    private static final String ISSUER = "https://id.example.com/";
    private static Vertx vertx;
    private static RSAKey signing;
    private static RSAKey rotated;
    private static RSAKey attacker;
    private static JwksServer jwks;
    private static JwksServer attackerJwks;
    private static SimpleMeterRegistry metrics;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        signing = new RSAKeyGenerator(2048).keyID("k1").generate();
        rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        attacker = new RSAKeyGenerator(2048).keyID("k1").generate();
        jwks = new JwksServer(vertx);
        jwks.publish(List.of(signing));
        attackerJwks = new JwksServer(vertx);
        attackerJwks.publish(List.of(attacker));
        metrics = new SimpleMeterRegistry();
        port = serve(config(jwks.url(), List.of("orders:read")));
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void validTokenAuthenticatesSubjectApplicationAndScopes() throws Exception {
        HttpResponse<String> response = call(sign(signing, JWSAlgorithm.RS256, claims(c -> { })));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject consumer = new JsonObject(response.body()).getJsonObject("consumer");
        assertThat(consumer.getString("subject")).isEqualTo("user-7");
        assertThat(consumer.getString("applicationId")).isEqualTo("app-1");
        assertThat(consumer.getString("tenantId")).isEqualTo("tenant-a");
        assertThat(consumer.getString("scopes")).isEqualTo("orders:read orders:write");
    }

    @Test
    void missingTokenIsChallenged() {
        HttpResponse<String> response = get(port, "/orders");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("JWT_MISSING");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(get(port, "/orders", "Authorization", "Basic dXNlcjpwYXNz").body()).contains("JWT_MISSING");
    }

    @Test
    void expiredTokenIsExpiredButWithinSkewIsAccepted() throws Exception {
        Instant past = Instant.now().minusSeconds(120);
        assertThat(call(sign(signing, JWSAlgorithm.RS256, claims(c -> c.expirationTime(Date.from(past))))).body()).contains("JWT_EXPIRED");
        Instant justNow = Instant.now().minusSeconds(5);
        assertThat(call(sign(signing, JWSAlgorithm.RS256, claims(c -> c.expirationTime(Date.from(justNow))))).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongAudienceIssuerFutureIatAndMissingExpAreInvalid() throws Exception {
        List<Consumer<JWTClaimsSet.Builder>> tamperings = List.of(
                c -> c.audience("someone-else"),
                c -> c.issuer("https://id.example.com"),
                c -> c.issueTime(Date.from(Instant.now().plusSeconds(600))),
                c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600))),
                c -> c.expirationTime(null));
        for (Consumer<JWTClaimsSet.Builder> tampering : tamperings) {
            HttpResponse<String> response = call(sign(signing, JWSAlgorithm.RS256, claims(tampering)));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("JWT_INVALID");
        }
    }

    @Test
    void missingRequiredScopeIsForbidden() throws Exception {
        HttpResponse<String> response = call(sign(signing, JWSAlgorithm.RS256, claims(c -> c.claim("scope", "orders:write"))));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("JWT_SCOPE_MISSING");
        assertThat(call(sign(signing, JWSAlgorithm.RS256, claims(c -> c.claim("scope", null).claim("scp", List.of("orders:read")))))
                .statusCode()).as("scp array").isEqualTo(200);
    }

    @Test
    void algNoneAndHs256WithThePublicKeyAsSecretAreRefused() throws Exception {
        String payload = Base64URL.encode(claims(c -> { }).toString()).toString();
        String none = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"k1\"}").toString() + "." + payload + ".";
        assertThat(call(none).body()).contains("JWT_INVALID");

        byte[] publicKeyAsSecret = signing.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims(c -> { }));
        confused.sign(new MACSigner(publicKeyAsSecret));
        assertThat(call(confused.serialize()).body()).contains("JWT_INVALID");
        byte[] encodedPublicKey = signing.toRSAPublicKey().getEncoded();
        SignedJWT confusedDer = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims(c -> { }));
        confusedDer.sign(new MACSigner(encodedPublicKey));
        assertThat(call(confusedDer.serialize()).body()).contains("JWT_INVALID");
    }

    @Test
    void algorithmOutsideTheIssuersListIsRefusedEvenWithTheRightKey() throws Exception {
        assertThat(call(sign(signing, JWSAlgorithm.PS256, claims(c -> { }))).body()).contains("JWT_INVALID");
    }

    @Test
    void jkuAndEmbeddedJwkHeadersAreNeverFollowed() throws Exception {
        SignedJWT withJku = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .jwkURL(URI.create(attackerJwks.url())).build(), claims(c -> { }));
        withJku.sign(new RSASSASigner(attacker));
        SignedJWT withJwk = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .jwk(attacker.toPublicJWK()).x509CertURL(URI.create(attackerJwks.url())).build(), claims(c -> { }));
        withJwk.sign(new RSASSASigner(attacker));

        assertThat(call(withJku.serialize()).body()).contains("JWT_INVALID");
        assertThat(call(withJwk.serialize()).body()).contains("JWT_INVALID");
        assertThat(attackerJwks.hits()).isZero();
    }

    @Test
    void nonCanonicalBase64UrlIsRefusedThoughNimbusWouldDecodeIt() throws Exception {
        String token = sign(signing, JWSAlgorithm.RS256, claims(c -> { }));
        assertThat(call(token).statusCode()).isEqualTo(200);
        assertThat(call(token + "=").body()).contains("JWT_INVALID");
        String[] parts = token.split("\\.");
        assertThat(call(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "+" + parts[2].substring(11)).body())
                .contains("JWT_INVALID");
        // 256-byte RSA signature: 342 characters, the last carries 4 unused bits that must be zero.
        char last = parts[2].charAt(parts[2].length() - 1);
        String sloppy = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 1) + (char) (last + 1);
        assertThat(call(sloppy).body()).contains("JWT_INVALID");
    }

    @Test
    void unknownKidRefetchesOnceThenNotAgainWithinTheInterval() throws Exception {
        JwksServer server = new JwksServer(vertx);
        server.publish(List.of(signing));
        int rotatingPort = serve(config(server.url(), List.of()));
        assertThat(call(rotatingPort, sign(signing, JWSAlgorithm.RS256, claims(c -> { }))).statusCode()).isEqualTo(200);
        assertThat(server.hits()).isEqualTo(1);

        server.publish(List.of(signing, rotated));
        assertThat(call(rotatingPort, sign(rotated, JWSAlgorithm.RS256, claims(c -> { }))).statusCode())
                .as("the new key is found by one refetch").isEqualTo(200);
        assertThat(server.hits()).isEqualTo(2);

        RSAKey invented = new RSAKeyGenerator(2048).keyID("k3").generate();
        for (int i = 0; i < 5; i++) {
            assertThat(call(rotatingPort, sign(invented, JWSAlgorithm.RS256, claims(c -> { }))).body()).contains("JWT_INVALID");
        }
        assertThat(server.hits()).as("no refetch storm for invented kids").isEqualTo(2);
    }

    @Test
    void unreachableJwksWithNothingCachedIs503NotA401() throws Exception {
        int downPort = serve(config("http://127.0.0.1:" + RedisFixture.closedPort() + "/jwks.json", List.of()));
        HttpResponse<String> response = call(downPort, sign(signing, JWSAlgorithm.RS256, claims(c -> { })));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("JWKS_UNAVAILABLE");
        assertThat(metrics.find("bulwark.jwt.jwks.unavailable").counter().count()).isPositive();
    }

    private static int serve(JwtAuthConfig config) {
        JwksCache cache = new JwksCache(vertx, config.jwksUrl(), config.jwksCacheSeconds(), 30_000, System::nanoTime, metrics,
                new dev.bulwark.dataplane.upstream.UpstreamResolver(vertx, List.of(), metrics), dev.bulwark.dataplane.Snapshots.LOOPBACK_GUARD);
        return new PolicyHarness(vertx, List.of(new JwtAuthPolicy(config, cache, vertx, Clock.systemUTC(), metrics))).start();
    }

    private static JwtAuthConfig config(String url, List<String> requiredScopes) {
        return new JwtAuthConfig(ISSUER, url, List.of("orders-api"), List.of(JwtAlgorithm.RS256, JwtAlgorithm.ES256),
                requiredScopes, 30, null, 300);
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER).subject("user-7")
                .audience(List.of("other", "orders-api")).claim("azp", "app-1").claim("scope", "orders:read orders:write")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
        change.accept(builder);
        return builder.build();
    }

    private static String sign(RSAKey key, JWSAlgorithm algorithm, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HttpResponse<String> call(String token) {
        return call(port, token);
    }

    private static HttpResponse<String> call(int target, String token) {
        return get(target, "/orders", "Authorization", "Bearer " + token);
    }
}
