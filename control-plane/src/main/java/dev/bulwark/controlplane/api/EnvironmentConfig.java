package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.Environment;
import java.util.List;

/** Where one environment of an API sends traffic, and whether gateways of it route the API. */
public record EnvironmentConfig(Environment environment, List<String> upstreamUrls, boolean enabled) {
    public EnvironmentConfig {
        upstreamUrls = List.copyOf(upstreamUrls);
    }

    public boolean isServing() {
        return enabled && !upstreamUrls.isEmpty();
    }
}
