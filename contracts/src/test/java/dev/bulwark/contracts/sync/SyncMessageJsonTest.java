package dev.bulwark.contracts.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message survives a Jackson round trip by its {@code type}, and a snapshot keeps its hash on the wire. */
class SyncMessageJsonTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyMessageRoundTrips() throws Exception {
        RandomSnapshots generator = new RandomSnapshots(42);
        Snapshot v1 = generator.snapshot(1);
        Snapshot v2 = generator.edit(v1);
        SyncMessage[] messages = {
            new Hello("gw-1", "production", 3, "ab", "0.1.0"),
            new SnapshotFull(v1),
            SnapshotDiff.diff(v1, v2),
            new Ack(2, "cd"),
            new Nack(2, "policy rate-limit: limit must be at least 1"),
            new Heartbeat(Instant.parse("2026-11-27T10:00:00Z"), 5),
            new Heartbeat(Instant.parse("2026-11-27T10:00:00Z"), 5, List.of(new BreakerStatus("t-1", "api-1",
                    "http://orders.internal:8080", BreakerStatus.OPEN, Instant.parse("2026-11-27T09:59:50Z")))),
        };
        for (SyncMessage message : messages) {
            String json = mapper.writeValueAsString(message);
            SyncMessage read = mapper.readValue(json, SyncMessage.class);
            assertThat(read).isEqualTo(message);
        }
        assertThat(mapper.writeValueAsString(new Ack(2, "cd"))).isEqualTo("{\"type\":\"ack\",\"version\":2,\"hash\":\"cd\"}");
        assertThat(mapper.writeValueAsString(new Heartbeat(Instant.parse("2026-11-27T10:00:00Z"), 5)))
                .as("a heartbeat without breakers is the one older peers know").doesNotContain("breakers");
        assertThat(((Heartbeat) mapper.readValue("{\"type\":\"heartbeat\",\"at\":\"2026-11-27T10:00:00Z\",\"version\":5}",
                SyncMessage.class)).breakers()).as("an older gateway's heartbeat").isEmpty();
    }

    @Test
    void snapshotKeepsItsHashThroughTheWire() throws Exception {
        Snapshot snapshot = new RandomSnapshots(7).snapshot(1);
        SnapshotFull read = (SnapshotFull) mapper.readValue(mapper.writeValueAsString(new SnapshotFull(snapshot)), SyncMessage.class);
        assertThat(SnapshotHash.verifies(read.snapshot())).isTrue();
    }
}
