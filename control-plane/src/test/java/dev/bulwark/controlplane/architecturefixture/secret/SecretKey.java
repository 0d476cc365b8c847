package dev.bulwark.controlplane.architecturefixture.secret;

import dev.bulwark.controlplane.architecturefixture.kernel.SharedType;

/** Breaks "secret imports no other control-plane package". */
public final class SecretKey {
    private SecretKey() {
    }

    public static Class<?> shared() {
        return SharedType.class;
    }
}
