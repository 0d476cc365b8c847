package dev.bulwark.controlplane.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.event.EndpointAggregate;
import dev.bulwark.contracts.event.EventStreams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the control plane accepts of an endpoint aggregate's refusal before the shadow-endpoint detector reads it. */
class EndpointAggregateDecodingTest {
    private static final Instant MINUTE = Instant.parse("2026-01-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final EventDecoder decoder = new EventDecoder(Clock.fixed(MINUTE.plusSeconds(30), ZoneOffset.UTC), Duration.ofHours(1));

    @ParameterizedTest(name = "documented={0}, refusedStatus={1} -> {2}")
    @CsvSource({
            "true,  0,   accepted",
            "false, 0,   accepted",
            "false, 404, accepted",
            "false, 405, accepted",
            "true,  404, malformed",
            "true,  405, malformed",
            "false, 403, malformed",
            "false, 500, malformed",
            "false, -1,  malformed",
    })
    void onlyUndeclaredPathsRefusedWith404Or405AreTakenAsRefusals(boolean documented, int refusedStatus, String outcome) throws Exception {
        EndpointAggregate aggregate = new EndpointAggregate(MINUTE, MINUTE.plusSeconds(5), "5d0c1a6e-0f6e-4c1e-9d3b-2a7f0e4c9b11", "api-1",
                documented ? "listItems" : "GET /internal/export", documented, false, null, null, "203.0.113.9", 3, 0, List.of(),
                refusedStatus);
        EventDecoder.Decoded decoded = decoder.decode(EventStreams.Kind.ENDPOINT, Map.of(
                EventStreams.FIELD_VERSION, EventStreams.ENDPOINT_VERSION,
                EventStreams.FIELD_ID, "delivery-" + refusedStatus,
                EventStreams.FIELD_EVENT, JSON.writeValueAsString(aggregate)));

        assertThat(decoded.refusal() == null ? "accepted" : decoded.refusal()).isEqualTo(outcome);
        if (decoded.refusal() == null) {
            assertThat(((EndpointAggregate) decoded.event().event()).refusedStatus()).isEqualTo(refusedStatus);
        }
    }
}
