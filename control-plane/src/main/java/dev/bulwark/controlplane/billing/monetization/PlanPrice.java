package dev.bulwark.controlplane.billing.monetization;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One version of a consumer plan's price, in force from {@code effectiveFrom} until the next
 * version. Flat: a fee and no tiers beyond the included requests' price; per request: no fee, no
 * included requests, one unbounded tier; tiered: several tiers, graduated or volume.
 */
@Schema(name = "PlanPrice")
public record PlanPrice(Instant effectiveFrom, String currency, BigDecimal monthlyFee, long includedRequests, String tierMode,
                        List<Tier> tiers) {

    /** @param upTo inclusive bound in requests beyond the included ones; null for the last, unbounded tier */
    public record Tier(@Nullable Long upTo, BigDecimal unitPrice, @Nullable BigDecimal flatFee) {
    }

    /** A new version; {@code effectiveFrom} defaults to now and may not be in the past. */
    public record Set(@Nullable Instant effectiveFrom, @Nullable String currency, @Nullable BigDecimal monthlyFee,
                      @Nullable Long includedRequests, @Nullable String tierMode, @Nullable List<Tier> tiers) {
    }
}
