package dev.bulwark.contracts.event;

/**
 * Where the gateway writes events and how one stream entry looks: the contract between the data
 * plane's producer and the control plane's consumer. Both streams share the {@code {events}} hash
 * tag so they live in one Redis Cluster slot and one XREADGROUP can read them together.
 *
 * <p>An entry has three fields: {@link #FIELD_ID} (a delivery id the producer assigns once per
 * entry and keeps across retries, so the consumer can drop duplicates), {@link #FIELD_VERSION} and
 * {@link #FIELD_EVENT} (the record as JSON, ISO-8601 instants). The version names the record:
 * {@link #SCHEMA_VERSION} a {@link SecurityEvent} or a legacy per-request {@link UsageEvent},
 * {@link #AGGREGATE_VERSION} a {@link UsageAggregate} (usage stream only), {@link #ENDPOINT_VERSION} an
 * {@link EndpointAggregate} (endpoint stream only).
 */
public final class EventStreams {
    public static final String FIELD_ID = "id";
    public static final String FIELD_VERSION = "v";
    public static final String FIELD_EVENT = "e";
    public static final String SCHEMA_VERSION = "1";
    /** Usage entries that carry a {@link UsageAggregate}; a control plane that predates them refuses them as {@code version}. */
    public static final String AGGREGATE_VERSION = "2";
    /** Entries of the endpoint stream: an {@link EndpointAggregate} (read by the incident detectors only). */
    public static final String ENDPOINT_VERSION = "3";

    private EventStreams() {
    }

    /** The two event kinds, each with its own stream. */
    public enum Kind {
        USAGE("usage"), SECURITY("security"),
        /** Per-endpoint, per-consumer aggregates for the incident detectors ({@link EndpointAggregate}). */
        ENDPOINT("endpoints");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        public String label() {
            return suffix;
        }

        /** {@code <prefix>{events}:usage}, {@code <prefix>{events}:security} or {@code <prefix>{events}:endpoints}. */
        public String streamKey(String keyPrefix) {
            return keyPrefix + "{events}:" + suffix;
        }
    }
}
