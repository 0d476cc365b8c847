package dev.bulwark.securitytesting.scan.model;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scan runs against: the API's base URL (usually the gateway's), its contract, and the test
 * identities. {@code primary} and {@code secondary} are two ordinary consumers (BOLA: one's objects
 * must stay out of the other's reach); {@code expired} and {@code revoked} are credentials the
 * tenant minted and then let expire or revoked, which the API must refuse. {@code host}, when present,
 * is sent as the {@code Host} of every request: the gateway routes the API by that name while the
 * scan connects to the gateway's own address (see {@link Probe}).
 */
public record ScanTarget(URI baseUrl, ApiDocument document, Identity primary, Optional<Identity> secondary,
        Optional<Identity> expired, Optional<Identity> revoked, Optional<String> host) {

    public ScanTarget {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(host, "host");
        String text = baseUrl.toString();
        baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("the base URL must be http or https: " + text);
        }
    }

    /** A target reached by its base URL's own host name. */
    public ScanTarget(URI baseUrl, ApiDocument document, Identity primary, Optional<Identity> secondary,
                      Optional<Identity> expired, Optional<Identity> revoked) {
        this(baseUrl, document, primary, secondary, expired, revoked, Optional.empty());
    }

    public static ScanTarget of(URI baseUrl, ApiDocument document, Identity primary) {
        return new ScanTarget(baseUrl, document, primary, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ScanTarget withSecondary(Identity identity) {
        return new ScanTarget(baseUrl, document, primary, Optional.of(identity), expired, revoked, host);
    }

    public ScanTarget withExpired(Identity identity) {
        return new ScanTarget(baseUrl, document, primary, secondary, Optional.of(identity), revoked, host);
    }

    public ScanTarget withRevoked(Identity identity) {
        return new ScanTarget(baseUrl, document, primary, secondary, expired, Optional.of(identity), host);
    }

    /** The same target, its requests carrying {@code Host: host} (an API the gateway routes by host name). */
    public ScanTarget withHost(String host) {
        return new ScanTarget(baseUrl, document, primary, secondary, expired, revoked, Optional.of(host));
    }
}
