package dev.bulwark.dataplane.sync;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.sync.SyncMessage;
import java.io.IOException;

/** JSON of sync messages and snapshots: strict, unknown properties refused. */
final class SyncJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SyncJson() {
    }

    static SyncMessage read(String text) throws IOException {
        return MAPPER.readValue(text, SyncMessage.class);
    }

    static String write(SyncMessage message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (IOException e) {
            throw new IllegalStateException("sync message could not be written", e);
        }
    }

    static byte[] snapshot(Snapshot snapshot) throws IOException {
        return MAPPER.writeValueAsBytes(snapshot);
    }

    /** Streams the snapshot to {@code out} and closes it. */
    static void write(Snapshot snapshot, java.io.OutputStream out) throws IOException {
        MAPPER.writeValue(out, snapshot);
    }

    static Snapshot snapshot(byte[] json) throws IOException {
        return MAPPER.readValue(json, Snapshot.class);
    }
}
