package dev.bulwark.billing.plan;

import dev.bulwark.billing.money.Money;
import java.util.Currency;
import java.util.List;

/** Price plans shared by the tests; numbers chosen to be checkable by hand. */
public final class Plans {

    public static final Currency EUR = Currency.getInstance("EUR");

    private Plans() {}

    public static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    /** Overage tiers: up to 1,000 at 0.10, up to 10,000 at 0.05, beyond at 0.01. */
    public static List<PriceTier> threeTiers() {
        return List.of(
                PriceTier.upTo(1_000, eur("0.10")),
                PriceTier.upTo(10_000, eur("0.05")),
                PriceTier.unbounded(eur("0.01")));
    }

    /** EUR 29/month, 100k requests included, then 0.0004 up to 900k overage and 0.0002 beyond. */
    public static PricePlan starter() {
        return new PricePlan("starter", EUR, eur("29"), List.of(new MeterPrice("requests", 100_000,
                Overage.graduated(List.of(
                        PriceTier.upTo(900_000, eur("0.0004")),
                        PriceTier.unbounded(eur("0.0002")))))));
    }

    /** EUR 99/month, 1M requests included, volume overage: 0.0003 up to 4M, 0.0001 beyond. */
    public static PricePlan pro() {
        return new PricePlan("pro", EUR, eur("99"), List.of(new MeterPrice("requests", 1_000_000,
                Overage.volume(List.of(
                        PriceTier.upTo(4_000_000, eur("0.0003")),
                        PriceTier.unbounded(eur("0.0001")))))));
    }

    /** Free plan: 10k requests a month, hard quota. */
    public static PricePlan free() {
        return new PricePlan("free", EUR, eur("0"), List.of(new MeterPrice("requests", 10_000, Overage.hardCap())));
    }
}
