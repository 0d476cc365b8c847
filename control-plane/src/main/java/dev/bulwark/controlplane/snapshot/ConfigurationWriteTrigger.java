package dev.bulwark.controlplane.snapshot;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Publish trigger: every successful write to the tenant API (and to the developer portal's, where
 * developers subscribe and issue keys) may change what gateways enforce, so it asks for a publish once the response is ready (its transaction has committed). Writes that change
 * nothing a gateway sees cost one compile and are then dropped by the publisher's hash comparison;
 * a burst folds into one version through the publisher's debounce.
 */
@ServerFilter({"/api/v1/**", "/api/devportal/**"})
public class ConfigurationWriteTrigger {
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    /** Identity routes never change gateway configuration. */
    private static final Set<String> IGNORED = Set.of("/api/v1/signup", "/api/v1/sessions", "/api/v1/sessions/current",
            "/api/v1/invitations/accept", "/api/v1/identity/oidc/authorizations");
    /** The developer portal's identity routes (sign-up, log-in, log-out), under any tenant slug. */
    private static final Pattern IGNORED_DEVPORTAL = Pattern.compile("/api/devportal/v1/tenants/[^/]+/(signup|sessions(/current)?)");

    private final ApplicationEventPublisher<ConfigurationChanged> events;

    ConfigurationWriteTrigger(ApplicationEventPublisher<ConfigurationChanged> events) {
        this.events = events;
    }

    @ResponseFilter
    void afterWrite(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (WRITES.contains(request.getMethod()) && response.code() >= 200 && response.code() < 300
                && !IGNORED.contains(request.getPath()) && !IGNORED_DEVPORTAL.matcher(request.getPath()).matches()) {
            events.publishEvent(ConfigurationChanged.everywhere());
        }
    }
}
