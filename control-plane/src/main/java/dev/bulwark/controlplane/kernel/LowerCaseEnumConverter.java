package dev.bulwark.controlplane.kernel;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import java.util.Locale;

/**
 * An enum stored as its lower-case name ({@code staging}, {@code pending}), the spelling every
 * text column of a state or kind uses. A subclass per enum is its {@code @TypeDef} converter.
 */
public abstract class LowerCaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {
    private final Class<E> type;

    protected LowerCaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToPersistedValue(E value, ConversionContext context) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityValue(String stored, ConversionContext context) {
        return stored == null ? null : Enum.valueOf(type, stored.toUpperCase(Locale.ROOT));
    }
}
