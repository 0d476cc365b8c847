package dev.bulwark.controlplane.subscription;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** An application's subscription to an API through one of its plans. */
public record Subscription(UUID id, UUID applicationId, UUID apiId, UUID planId, Status status, Instant createdAt,
                           Instant decidedAt, UUID decidedBy) {

    @TypeDef(type = DataType.STRING, converter = StatusConverter.class)
    public enum Status {
        PENDING, ACTIVE, REJECTED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWire(String text) {
            for (Status status : values()) {
                if (status.wire().equals(text)) {
                    return status;
                }
            }
            throw new IllegalArgumentException(text);
        }
    }
}
