package dev.bulwark.controlplane.securitytest;

import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.ScanControl;
import dev.bulwark.securitytesting.scan.model.ScanTarget;
import io.swagger.v3.oas.models.PathItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Keys issued for a run reach the gateways through the key change feed, within about a second. A
 * scan started before would see its own test consumers refused and judge nothing, so the worker
 * first waits until the gateway stops answering 401 to each test consumer (or gives up after a
 * bound and lets the scan report what it sees). A few GETs to the API's base path, outside the
 * scan's budget; the keys travel in the header only, never in a log.
 */
final class KeyPropagation {
    private static final Duration PAUSE = Duration.ofMillis(250);

    private KeyPropagation() {
    }

    /** True when every identity is accepted (anything but 401), false when the wait ran out or was cancelled. */
    static boolean await(ScanTarget target, ScanControl control, Duration bound) {
        Instant deadline = Instant.now().plus(bound);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build()) {
            for (Identity identity : target.secondary().isPresent()
                    ? java.util.List.of(target.primary(), target.secondary().get()) : java.util.List.of(target.primary())) {
                while (refused(client, target, identity)) {
                    if (control.cancelled() || Instant.now().isAfter(deadline)) {
                        return false;
                    }
                    LockSupport.parkNanos(PAUSE.toNanos());
                }
            }
            return true;
        }
    }

    /** A GET operation without path parameters (routed, so it meets the authentication policy), else the base path. */
    static URI probe(ScanTarget target) {
        String base = target.baseUrl().toString().replaceAll("/+$", "");
        return target.document().operations().stream()
                .filter(operation -> operation.method() == PathItem.HttpMethod.GET && !operation.path().contains("{"))
                .map(operation -> URI.create(base + operation.path()))
                .findFirst().orElse(URI.create(base + "/"));
    }

    private static boolean refused(HttpClient client, ScanTarget target, Identity identity) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(probe(target)).timeout(Duration.ofSeconds(2)).GET();
            identity.headers().forEach(request::header);
            target.host().ifPresent(host -> request.header("Host", host));
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 401;
        } catch (IOException | IllegalArgumentException e) {
            return false;  // unreachable or unusual: the scan itself reports it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
