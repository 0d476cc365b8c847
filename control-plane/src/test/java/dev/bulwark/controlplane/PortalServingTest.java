package dev.bulwark.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class PortalServingTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void clientRoutesGetTheAppWithHardeningHeaders() {
        for (String path : new String[] {"/portal/", "/portal", "/portal/apis/123", "/portal/team"}) {
            HttpResponse<String> page = client.toBlocking().exchange(HttpRequest.GET(path).accept(MediaType.TEXT_HTML), String.class);

            assertThat(page.body()).as(path).contains("<div id=\"root\">");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void assetsAreServedWithLongCachingAndTraversalIsRefused() {
        HttpResponse<String> asset = client.toBlocking().exchange(HttpRequest.GET("/portal/assets/app-test.js"), String.class);

        assertThat(asset.body()).contains("portal asset");
        assertThat(asset.header("Cache-Control")).contains("immutable");
        assertThat(status("/portal/assets/..%2Fapplication.yml")).isEqualTo(404);
        assertThat(status("/portal/assets/missing.js")).isEqualTo(404);
    }

    @Test
    void rootRedirectsToThePortal() {
        HttpResponse<String> root = client.toBlocking().exchange(HttpRequest.GET("/"), String.class);

        assertThat(root.body()).contains("<div id=\"root\">");
        assertThat(status("/team")).as("outside /portal nothing falls back to the page").isEqualTo(404);
    }

    @Test
    void apiLikePathsNeverFallBackToThePage() {
        assertThat(status("/api/v1/no-such-thing")).isEqualTo(404);
        HttpClientResponseException error = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/health/nothing").accept(MediaType.TEXT_HTML), String.class));
        assertThat(error.getResponse().getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).contains("problem+json"));
    }

    private int status(String path) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path), String.class).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
