package dev.bulwark.controlplane.subscription;

import dev.bulwark.controlplane.kernel.LowerCaseEnumConverter;
import jakarta.inject.Singleton;

/** {@link Subscription.Status} as its column spelling ({@code pending}, {@code active}, {@code rejected}). */
@Singleton
class StatusConverter extends LowerCaseEnumConverter<Subscription.Status> {
    StatusConverter() {
        super(Subscription.Status.class);
    }
}
