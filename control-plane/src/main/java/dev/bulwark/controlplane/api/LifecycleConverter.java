package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.LowerCaseEnumConverter;
import jakarta.inject.Singleton;

/** {@link Lifecycle} as its column spelling ({@code draft}, {@code published}, ...). */
@Singleton
class LifecycleConverter extends LowerCaseEnumConverter<Lifecycle> {
    LifecycleConverter() {
        super(Lifecycle.class);
    }
}
