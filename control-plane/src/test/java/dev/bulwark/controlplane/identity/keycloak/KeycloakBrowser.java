package dev.bulwark.controlplane.identity.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does on Keycloak's own log-in page, over plain HTTP: open the authorization URL,
 * post the form with a username and password, and return where Keycloak redirects (our callback
 * with {@code code} and {@code state}). The portal's browser test does the same in Chromium.
 */
final class KeycloakBrowser {
    private static final Pattern FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"", Pattern.DOTALL);
    private static final Pattern FORM_ALT = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

    // Cookies by hand: Keycloak marks its session cookies Secure, which a browser still sends to a
    // loopback origin over http but Java's CookieManager does not.
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /** Logs in on Keycloak's page and returns the redirect back to the application (the callback URL). */
    URI logIn(String authorizationUrl, String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("Keycloak's log-in page answered " + page.statusCode());
        }
        Matcher form = FORM.matcher(page.body());
        Matcher alt = FORM_ALT.matcher(page.body());
        String action = form.find() ? form.group(1) : alt.find() ? alt.group(1) : null;
        if (action == null) {
            throw new IllegalStateException("no log-in form on Keycloak's page");
        }
        String body = RealmEndpoints.form(Map.of("username", username, "password", password, "credentialId", ""));
        String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(java.util.stream.Collectors.joining("; "));
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(action.replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 302) {
            throw new IllegalStateException("Keycloak did not accept the log-in: " + posted.statusCode() + " "
                    + posted.body().substring(0, Math.min(300, posted.body().length())));
        }
        return URI.create(posted.headers().firstValue("Location").orElseThrow());
    }
}
