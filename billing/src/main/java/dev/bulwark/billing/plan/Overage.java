package dev.bulwark.billing.plan;

import java.util.List;
import java.util.Objects;

/** What happens to usage beyond a meter's included units. */
public sealed interface Overage {

    /** Overage units are billed through tiers. */
    record Billed(TierMode mode, List<PriceTier> tiers) implements Overage {

        public Billed {
            Objects.requireNonNull(mode, "mode");
            tiers = List.copyOf(tiers);
        }
    }

    /**
     * The included units are a quota: the gateway refuses calls beyond it and nothing is billed.
     * Usage can still exceed it slightly (distributed counters converge after the fact); that
     * excess is reported on the invoice, never charged.
     */
    record HardCap() implements Overage {}

    static Overage graduated(List<PriceTier> tiers) {
        return new Billed(TierMode.GRADUATED, tiers);
    }

    static Overage volume(List<PriceTier> tiers) {
        return new Billed(TierMode.VOLUME, tiers);
    }

    static Overage hardCap() {
        return new HardCap();
    }
}
