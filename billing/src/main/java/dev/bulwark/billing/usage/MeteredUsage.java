package dev.bulwark.billing.usage;

import dev.bulwark.billing.period.Interval;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Usage of one subscription over an interval, summed per meter (sorted by meter name). */
public record MeteredUsage(String subscriptionId, Interval interval, Map<String, Long> quantities,
        int duplicatesIgnored) {

    public MeteredUsage {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(interval, "interval");
        quantities = Collections.unmodifiableMap(new TreeMap<>(quantities));
    }

    public long quantity(String meter) {
        return quantities.getOrDefault(meter, 0L);
    }
}
