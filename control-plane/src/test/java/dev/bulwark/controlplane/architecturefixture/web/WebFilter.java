package dev.bulwark.controlplane.architecturefixture.web;

import dev.bulwark.controlplane.architecturefixture.alpha.AlphaService;

/** Breaks "web imports no feature". */
public final class WebFilter {
    private WebFilter() {
    }

    public static Class<?> feature() {
        return AlphaService.class;
    }
}
