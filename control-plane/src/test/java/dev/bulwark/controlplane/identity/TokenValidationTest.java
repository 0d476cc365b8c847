package dev.bulwark.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.identity.token.SigningKeys;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way a presented token can be wrong ends in the same 401, and a valid one keeps working across key rotation. */
@MicronautTest(transactional = false)
class TokenValidationTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    SigningKeys keys;
    @Inject
    dev.bulwark.controlplane.identity.token.Issuer issuer;
    Api api;
    Api.Session owner;

    @BeforeAll
    void setUp() {
        api = new Api(client);
        owner = api.signUp(Api.unique("tokens"));
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer.value()).audience("bulwark-control-plane")
                .subject(owner.userId().toString()).claim("tid", owner.tenantId().toString()).claim("role", "owner")
                .claim("email", owner.email()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims, ECKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private void assertRefused(String token) {
        Reply reply = api.get("/api/v1/me", token);
        assertThat(reply.status()).as(token).isEqualTo(401);
        assertThat(reply.key()).isEqualTo("UNAUTHENTICATED");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void aTokenSignedWithTheCurrentKeyAndValidClaimsIsAccepted() throws Exception {
        assertThat(api.get("/api/v1/me", sign(validClaims().build(), keys.current())).status()).isEqualTo(200);
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        assertRefused(sign(validClaims().issueTime(Date.from(past.minusSeconds(60))).expirationTime(Date.from(past)).build(), keys.current()));
    }

    @Test
    void tokenSignedByAnotherKeyWithOurKidIsRefused() throws Exception {
        ECKey forged = new ECKeyGenerator(Curve.P_256).keyID(keys.current().getKeyID()).generate();
        assertRefused(sign(validClaims().build(), forged));
    }

    @Test
    void algNoneIsRefused() {
        assertRefused(new PlainJWT(validClaims().build()).serialize());
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"none\",\"kid\":\"" + keys.current().getKeyID() + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(validClaims().build().toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(header + "." + payload + ".");
        assertRefused(header + "." + payload + ".AAAA");
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        byte[] secret = keys.current().toPublicJWK().toJSONString().repeat(2).getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.current().getKeyID()).build(), validClaims().build());
        jwt.sign(new MACSigner(secret));
        assertRefused(jwt.serialize());
    }

    @Test
    void tamperedClaimsAreRefused() throws Exception {
        String valid = sign(validClaims().claim("role", "viewer").build(), keys.current());
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"viewer\"", "\"owner\"");
        assertRefused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void wrongIssuerAudienceOrMissingClaimsAreRefused() throws Exception {
        assertRefused(sign(validClaims().issuer("https://evil.example").build(), keys.current()));
        assertRefused(sign(validClaims().audience("another-service").build(), keys.current()));
        assertRefused(sign(validClaims().claim("tid", null).build(), keys.current()));
        assertRefused(sign(validClaims().jwtID(null).build(), keys.current()));
        assertRefused(sign(validClaims().subject(UUID.randomUUID().toString()).build(), keys.current()));
    }

    @Test
    void malformedTokensAreRefused() {
        assertRefused("not-a-token");
        assertRefused(owner.token() + "x.y");
        assertRefused(owner.token().replace('.', '!'));
        assertRefused(owner.token() + "=");
        Reply basic = api.send(HttpRequest.GET("/api/v1/me").header("Authorization", "Basic YWRtaW46YWRtaW4="));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", null).status()).isEqualTo(401);
    }

    @Test
    void tokensSurviveKeyRotationAndTheJwksPublishesBothKeys() throws Exception {
        String before = api.logIn(owner.email(), Api.PASSWORD, null).token();
        String oldKid = keys.current().getKeyID();
        keys.rotateNow();
        assertThat(keys.current().getKeyID()).isNotEqualTo(oldKid);
        assertThat(api.get("/api/v1/me", before).status()).isEqualTo(200);
        String after = api.logIn(owner.email(), Api.PASSWORD, null).token();
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(keys.current().getKeyID());
        Reply jwks = api.send(HttpRequest.GET("/.well-known/jwks.json"));
        assertThat(jwks.body().findValuesAsText("kid")).contains(oldKid, keys.current().getKeyID());
    }
}
