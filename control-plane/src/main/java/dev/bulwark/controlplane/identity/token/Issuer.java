package dev.bulwark.controlplane.identity.token;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

/**
 * The {@code iss} of session tokens and the OIDC issuer: the control plane's public base URL.
 * {@code BULWARK_ISSUER} if set, else {@code BULWARK_PUBLIC_URL} (the address clients use, behind
 * a proxy or a load balancer), else the address this server really listens on — never a constant
 * that names another host or port.
 */
@Singleton
public class Issuer {
    private final String configured;
    private final BeanProvider<EmbeddedServer> server;
    private volatile String derived;

    Issuer(TokenSettings settings, @Value("${bulwark.public-url:}") String publicUrl, BeanProvider<EmbeddedServer> server) {
        String chosen = settings.issuer() != null && !settings.issuer().isBlank() ? settings.issuer() : publicUrl;
        this.configured = chosen == null || chosen.isBlank() ? null : withoutTrailingSlash(chosen.strip());
        this.server = server;
    }

    public String value() {
        if (configured != null) {
            return configured;
        }
        String known = derived;
        if (known == null) {
            EmbeddedServer running = server.get();
            String host = running.getHost();
            if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
                host = "127.0.0.1";
            }
            known = running.getScheme() + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                    + ":" + running.getPort();
            derived = known;
        }
        return known;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
