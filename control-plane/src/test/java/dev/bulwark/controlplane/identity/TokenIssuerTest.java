package dev.bulwark.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 8: session tokens named {@code http://127.0.0.1:8080} as issuer whatever the control
 * plane's address. Now the issuer is the configured public URL, or the address the server listens on.
 */
class TokenIssuerTest extends RealDatabaseTest {

    private String issuerOfASignUp(Map<String, Object> settings, int[] port) throws Exception {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.putAll(settings);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
             HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            port[0] = server.getPort();
            Api.Session owner = new Api(client).signUp(Api.unique("issuer"));
            String discovered = new Api(client).get("/.well-known/openid-configuration", null).body().path("issuer").asText();
            String claimed = SignedJWT.parse(owner.token()).getJWTClaimsSet().getIssuer();
            assertThat(discovered).isEqualTo(claimed);
            return claimed;
        } finally {
            database.close();
        }
    }

    @Test
    void theIssuerIsTheConfiguredPublicUrl() throws Exception {
        assertThat(issuerOfASignUp(Map.of("bulwark.public-url", "https://api.bulwark.example/"), new int[1]))
                .isEqualTo("https://api.bulwark.example");
    }

    @Test
    void withoutOneItIsTheAddressTheControlPlaneListensOn() throws Exception {
        int[] port = new int[1];
        String issuer = issuerOfASignUp(Map.of(), port);
        assertThat(issuer).isEqualTo("http://127.0.0.1:" + port[0]).isNotEqualTo("http://127.0.0.1:8080");
    }
}
