package dev.bulwark.controlplane.architecturefixture.kernel;

import dev.bulwark.controlplane.architecturefixture.alpha.AlphaService;

/** Breaks "the kernel imports no feature". */
public final class SharedType {
    private SharedType() {
    }

    public static String name(AlphaService service) {
        return service.toString();
    }
}
