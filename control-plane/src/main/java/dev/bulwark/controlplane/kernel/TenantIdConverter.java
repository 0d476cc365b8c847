package dev.bulwark.controlplane.kernel;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.util.UUID;

/** {@link TenantId} to and from its {@code uuid} column, so no repository handles a raw tenant UUID. */
@Singleton
public class TenantIdConverter implements AttributeConverter<TenantId, UUID> {
    @Override
    public UUID convertToPersistedValue(TenantId tenant, ConversionContext context) {
        return tenant == null ? null : tenant.value();
    }

    @Override
    public TenantId convertToEntityValue(UUID value, ConversionContext context) {
        return value == null ? null : new TenantId(value);
    }
}
