package dev.bulwark.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of one currency.
 *
 * <p>A {@link BigDecimal} rather than a count of minor units: API usage is priced in fractions of
 * a cent (EUR 0.00002 per request), which minor units cannot hold without inventing a second,
 * per-price scale. Amounts keep full precision through arithmetic; {@link #rounded()} brings them
 * to the currency's minor unit, and invoices do that once per line.
 *
 * <p>Amounts are normalised (trailing zeros stripped, never fewer decimals than the currency
 * has), so {@code 1.5 EUR} equals {@code 1.50 EUR} and record equality is value equality.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("Not a currency of account: " + currency);
        }
        amount = normalise(amount, currency.getDefaultFractionDigits());
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** From a count of minor units: {@code ofMinor(1234, EUR)} is EUR 12.34. */
    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()), currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money times(long quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor), currency);
    }

    /**
     * This amount times {@code numerator / denominator}, rounded once to the minor unit. The only
     * division money needs (proration); doing it as one step avoids a second rounding.
     */
    public Money timesFraction(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        BigDecimal product = amount.multiply(BigDecimal.valueOf(numerator));
        return new Money(product.divide(BigDecimal.valueOf(denominator), fractionDigits(), ROUNDING), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** Rounded half-even to the currency's minor unit (banker's rounding: no upward drift over many lines). */
    public Money rounded() {
        return new Money(amount.setScale(fractionDigits(), ROUNDING), currency);
    }

    public boolean isRounded() {
        return amount.scale() <= fractionDigits();
    }

    /** Whole minor units; only defined for rounded amounts. */
    public long minorUnits() {
        if (!isRounded()) {
            throw new ArithmeticException(this + " has more precision than " + currency + " minor units");
        }
        return amount.movePointRight(fractionDigits()).longValueExact();
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }

    private int fractionDigits() {
        return currency.getDefaultFractionDigits();
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Currency mismatch: " + currency + " vs " + other.currency);
        }
        return other;
    }

    private static BigDecimal normalise(BigDecimal amount, int fractionDigits) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < fractionDigits ? stripped.setScale(fractionDigits) : stripped;
    }
}
