package dev.bulwark.controlplane.portal;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Browser-facing hardening on every response, and {@code Cache-Control: no-store} by default on
 * the API's. The CSP allows only same-origin scripts and
 * connections, so an injected script has nowhere to load from and nowhere to send a stolen value;
 * inline styles stay allowed because chart libraries set style attributes.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter {
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @ResponseFilter
    public void harden(HttpRequest<?> request, MutableHttpResponse<?> response) {
        HttpHeaders headers = response.getHeaders();
        if (!headers.contains("Content-Security-Policy")) {
            response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Cross-Origin-Opener-Policy", "same-origin");
        response.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        // API answers are per caller and some carry secrets (session tokens, new keys, invitation
        // links): nothing under /api/ may be kept by a browser or proxy cache unless a route says so.
        if (request.getPath().startsWith("/api/") && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (request.isSecure()) {
            response.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }
}
