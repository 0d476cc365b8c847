package dev.bulwark.controlplane.stream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Which streams a {@link StreamConsumerLoop} reads, as whom, and at what pace.
 *
 * @param streams       the stream keys, all with the same hash tag so one XREADGROUP reads them on a cluster
 * @param group         the consumer group; created at the start of each stream when missing
 * @param consumerName  this replica's consumer in the group
 * @param batchSize     most entries read, and handled in one call, at a time
 * @param block         how long one XREADGROUP waits for new entries
 * @param claimIdle     entries pending this long with another consumer are taken over
 * @param claimInterval how often to look for such entries
 * @param maintenance   how often the loop's maintenance task runs
 */
public record StreamGroup(List<String> streams, String group, String consumerName, int batchSize, Duration block,
                          Duration claimIdle, Duration claimInterval, Duration maintenance) {

    public StreamGroup {
        streams = List.copyOf(streams);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("a stream group reads at least one stream");
        }
    }

    /** Host name plus a random suffix: unique per process, so a restarted replica never reuses a dead consumer's name. */
    public static String uniqueConsumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "control-plane";
        }
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return host + "-" + HexFormat.of().formatHex(suffix);
    }
}
