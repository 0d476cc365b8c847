package dev.bulwark.controlplane.identity.keycloak;

import dev.bulwark.controlplane.identity.session.SessionCookies;
import dev.bulwark.controlplane.identity.session.StartedSession;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The console's single sign-on. {@code POST …/authorizations} answers where to send the browser
 * (the portal then navigates there); Keycloak sends it back to {@code GET …/callback}, which sets
 * the ordinary session cookies and redirects to the console ({@code /portal/}), or to {@code /portal/login?sso=<reason>}.
 * Exists only when Keycloak is configured.
 */
@Controller("/api/v1/identity/oidc")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(condition = KeycloakConfigured.class)
public class OidcLoginController {
    /** Carries state and PKCE verifier across the trip to Keycloak; Lax so that the top-level return brings it. */
    public static final String COOKIE = "bw_oidc";
    private static final String COOKIE_PATH = "/api/v1/identity/oidc";

    private final OidcLogin login;
    private final SessionCookies cookies;

    public OidcLoginController(OidcLogin login, SessionCookies cookies) {
        this.login = login;
        this.cookies = cookies;
    }

    @Introspected
    public record AuthorizationRequest(@NotBlank @Size(max = 63) String tenantSlug) {
    }

    @Introspected
    public record Authorization(String authorizationUrl) {
    }

    @Post("/authorizations")
    @PublicEndpoint
    public HttpResponse<Authorization> startOidcLogin(HttpRequest<?> request, @Valid @Body AuthorizationRequest body) {
        OidcLogin.Begun begun = login.begin(body.tenantSlug().strip());
        return HttpResponse.ok(new Authorization(begun.authorizationUrl()))
                .header("Cache-Control", "no-store")
                .cookie(bindingCookie(request, begun.cookie(), Duration.ofMinutes(10)));
    }

    @Get("/callback")
    @PublicEndpoint
    public MutableHttpResponse<?> oidcCallback(HttpRequest<?> request, @Nullable @QueryValue String code, @Nullable @QueryValue String state,
                                               @Nullable @QueryValue String error, @Nullable @CookieValue(COOKIE) String binding) {
        MutableHttpResponse<?> response;
        try {
            if (error != null) {
                throw new OidcLogin.Failed(OidcLogin.Failure.REFUSED);
            }
            StartedSession started = login.complete(state, code, binding);
            response = HttpResponse.seeOther(URI.create("/portal/"));
            cookies.write(request, response, started.session());
        } catch (OidcLogin.Failed failed) {
            response = HttpResponse.seeOther(URI.create("/portal/login?sso=" + failed.failure().name().toLowerCase(Locale.ROOT)));
        }
        return response.header("Cache-Control", "no-store").cookie(bindingCookie(request, "", Duration.ZERO));
    }

    private static Cookie bindingCookie(HttpRequest<?> request, String value, Duration maxAge) {
        return Cookie.of(COOKIE, value).path(COOKIE_PATH).httpOnly(true).sameSite(SameSite.Lax).secure(request.isSecure()).maxAge(maxAge);
    }
}
