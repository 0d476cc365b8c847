package dev.bulwark.dataplane.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.snapshot.Snapshot;
import java.io.IOException;

/** The snapshot wire format: strict JSON, unknown properties refused. */
public final class SnapshotJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SnapshotJson() {
    }

    public static Snapshot read(byte[] json) throws IOException {
        return MAPPER.readValue(json, Snapshot.class);
    }

    public static byte[] write(Snapshot snapshot) throws IOException {
        return MAPPER.writeValueAsBytes(snapshot);
    }
}
