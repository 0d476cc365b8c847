package dev.bulwark.controlplane.api;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An API's life: draft (not routed) → published (routed) → deprecated (routed, no new
 * subscriptions) → retired (not routed, route released). Retired is final.
 */
@TypeDef(type = DataType.STRING, converter = LifecycleConverter.class)
public enum Lifecycle {
    DRAFT, PUBLISHED, DEPRECATED, RETIRED;

    private static final Map<Lifecycle, Set<Lifecycle>> NEXT = Map.of(
            DRAFT, Set.of(PUBLISHED, RETIRED),
            PUBLISHED, Set.of(DEPRECATED),
            DEPRECATED, Set.of(PUBLISHED, RETIRED),
            RETIRED, Set.of());

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canMoveTo(Lifecycle target) {
        return NEXT.get(this).contains(target);
    }

    /** Whether gateways route traffic to an API in this state. */
    public boolean isRouted() {
        return this == PUBLISHED || this == DEPRECATED;
    }

    public static Lifecycle fromWire(String text) {
        for (Lifecycle state : values()) {
            if (state.wire().equals(text)) {
                return state;
            }
        }
        throw new IllegalArgumentException(text);
    }
}
