package dev.bulwark.controlplane.identity.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A tenant realm's OIDC endpoints as the control plane uses them: discovery (is Keycloak up?), the
 * authorization URL, the code exchange, and verification of the access token against the realm's
 * JWKS (RS256 only, our issuer, our client as {@code azp}). JWKS are cached per realm by Nimbus.
 */
@Singleton
@Requires(condition = KeycloakConfigured.class)
public class RealmEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KeycloakSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, JWKSource<SecurityContext>> keys = new ConcurrentHashMap<>();

    public RealmEndpoints(KeycloakSettings settings) {
        this.settings = settings;
    }

    /** Thrown when Keycloak does not answer or answers with an error we cannot act on. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Thrown when Keycloak answers but refuses (bad code, wrong verifier) or the token does not verify. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    public String issuer(String realm) {
        return settings.baseUrl() + "/realms/" + realm;
    }

    /** A cheap check before sending a browser there: the realm's discovery document answers. */
    public void requireReachable(String realm) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(issuer(realm) + "/.well-known/openid-configuration"))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new Unavailable("discovery answered " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new Unavailable("Keycloak does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }

    public String authorizationUrl(String realm, String redirectUri, String state, String codeChallenge) {
        return issuer(realm) + "/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", KeycloakAdmin.CONSOLE_CLIENT_ID,
                "response_type", "code",
                "scope", "openid email profile",
                "redirect_uri", redirectUri,
                "state", state,
                "code_challenge", codeChallenge,
                "code_challenge_method", "S256"));
    }

    /** Exchanges the code (with the PKCE verifier) and returns the verified access token's claims. */
    public JWTClaimsSet exchange(String realm, String code, String redirectUri, String codeVerifier) {
        String body = form(Map.of("grant_type", "authorization_code", "client_id", KeycloakAdmin.CONSOLE_CLIENT_ID,
                "code", code, "redirect_uri", redirectUri, "code_verifier", codeVerifier));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token")).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("token endpoint does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
        if (response.statusCode() >= 500) {
            throw new Unavailable("token endpoint answered " + response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            throw new Refused("token endpoint refused the code (" + response.statusCode() + ")");
        }
        try {
            JsonNode tokens = JSON.readTree(response.body());
            return verify(realm, tokens.path("access_token").asText());
        } catch (IOException e) {
            throw new Refused("token response is not JSON");
        }
    }

    private JWTClaimsSet verify(String realm, String accessToken) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys.computeIfAbsent(realm, this::jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer(realm)).claim("azp", KeycloakAdmin.CONSOLE_CLIENT_ID).build(),
                Set.of("sub", "exp", "iat")));
        try {
            return processor.process(accessToken, null);
        } catch (com.nimbusds.jose.RemoteKeySourceException e) {
            throw new Unavailable("realm keys cannot be fetched", e);
        } catch (java.text.ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new Refused("access token does not verify");
        }
    }

    private JWKSource<SecurityContext> jwks(String realm) {
        try {
            return JWKSourceBuilder.create(URI.create(issuer(realm) + "/protocol/openid-connect/certs").toURL())
                    .retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
