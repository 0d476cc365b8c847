package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.identity.session.LoginThrottle;
import dev.bulwark.controlplane.identity.session.SessionReader;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/** Developer sign-up, log-in, log-out and who-am-I. */
@Controller("/api/devportal/v1/tenants/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "developer portal")
@SecurityScheme(name = PortalSessionController.DEVELOPER_BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A developer session token (bwdev_...) from sign-up or log-in; never a member token")
@SecurityScheme(name = PortalSessionController.DEVELOPER_COOKIE, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        paramName = DeveloperCookies.SESSION, description = "Browser developer session; unsafe methods also need X-CSRF-Token")
public class PortalSessionController {
    public static final String DEVELOPER_BEARER = "developerBearer";
    public static final String DEVELOPER_COOKIE = "developerSession";

    private final PortalTenants tenants;
    private final DeveloperAccounts accounts;
    private final DeveloperSessions sessions;
    private final DeveloperCookies cookies;
    private final DeveloperGate gate;

    public PortalSessionController(PortalTenants tenants, DeveloperAccounts accounts, DeveloperSessions sessions,
                                   DeveloperCookies cookies, DeveloperGate gate) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.gate = gate;
    }

    @Post("/signup")
    @PublicEndpoint
    public HttpResponse<DevSession> developerSignUp(HttpRequest<?> request, String slug, @Body DeveloperAccounts.SignUp body) {
        Tenants.Tenant tenant = tenants.require(slug);
        return respond(request, slug, HttpStatus.CREATED, accounts.signUp(tenant, body));
    }

    @Post("/sessions")
    @PublicEndpoint
    public HttpResponse<DevSession> developerLogIn(HttpRequest<?> request, String slug, @Body DeveloperAccounts.LogIn body) {
        Tenants.Tenant tenant = tenants.require(slug);
        return respond(request, slug, HttpStatus.CREATED, accounts.logIn(tenant, body, LoginThrottle.clientIp(request)));
    }

    /**
     * Ends the presented session if it is one of this tenant's and always clears the cookies, so a
     * browser holding a stale cookie can still log out. A cookie session needs the CSRF header.
     */
    @Delete("/sessions/current")
    @PublicEndpoint
    public HttpResponse<Void> developerLogOut(HttpRequest<?> request, String slug) {
        Tenants.Tenant tenant = tenants.require(slug);
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        boolean byCookie = authorization == null;
        String token = byCookie
                ? request.getCookies().findCookie(DeveloperCookies.SESSION).map(Cookie::getValue).orElse(null)
                : SessionReader.bearerToken(authorization).orElse(null);
        Optional<DeveloperCaller> caller = sessions.authenticate(token).filter(c -> c.tenantId().equals(tenant.id()));
        if (caller.isPresent()) {
            if (byCookie) {
                gate.requireCsrf(request, caller.get());
            }
            accounts.logOut(caller.get());
        }
        MutableHttpResponse<Void> response = HttpResponse.noContent();
        cookies.clear(request, response, slug);
        return response;
    }

    @Get("/me")
    @DeveloperEndpoint
    @SecurityRequirement(name = DEVELOPER_BEARER)
    @SecurityRequirement(name = DEVELOPER_COOKIE)
    public DevSession developerMe(String slug, DeveloperCaller caller) {
        return accounts.me(tenants.require(slug), caller);
    }

    private HttpResponse<DevSession> respond(HttpRequest<?> request, String slug, HttpStatus status, DeveloperAccounts.Started started) {
        MutableHttpResponse<DevSession> response = HttpResponse.<DevSession>status(status).body(started.body())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        cookies.write(request, response, slug, started.session());
        return response;
    }
}
