package dev.bulwark.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void equalityIgnoresTrailingZeros() {
        assertThat(Money.of("1.5", "EUR")).isEqualTo(Money.of("1.500", "EUR"));
        assertThat(Money.of("1.5", "EUR").amount()).isEqualByComparingTo("1.50").hasToString("1.50");
        assertThat(Money.of("10", "EUR").amount()).hasToString("10.00");
    }

    @Test
    void keepsSubCentPrecisionUntilRounded() {
        Money perRequest = Money.of("0.00002", "EUR");

        assertThat(perRequest.times(12_345)).isEqualTo(Money.of("0.2469", "EUR"));
        assertThat(perRequest.isRounded()).isFalse();
        assertThat(perRequest.times(12_345).rounded()).isEqualTo(Money.of("0.25", "EUR"));
    }

    @Test
    void addsAndSubtractsExactly() {
        // 0.1 + 0.2 is the classic binary floating-point failure.
        assertThat(Money.of("0.1", "EUR").plus(Money.of("0.2", "EUR"))).isEqualTo(Money.of("0.3", "EUR"));
        assertThat(Money.of("1", "EUR").minus(Money.of("1.01", "EUR"))).isEqualTo(Money.of("-0.01", "EUR"));
        assertThat(Money.of("-0.01", "EUR").isNegative()).isTrue();
        assertThat(Money.zero(EUR).isZero()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0.125, 0.12", "0.135, 0.14", "-0.125, -0.12", "2.345001, 2.35", "0.004999, 0.00"})
    void roundsHalfEvenToCents(String exact, String rounded) {
        assertThat(Money.of(exact, "EUR").rounded()).isEqualTo(Money.of(rounded, "EUR"));
    }

    @Test
    void roundsToTheCurrencysOwnMinorUnit() {
        assertThat(Money.of("12.5", "JPY").rounded()).isEqualTo(Money.of("12", "JPY"));
        assertThat(Money.of("13.5", "JPY").rounded()).isEqualTo(Money.of("14", "JPY"));
        assertThat(Money.of("1.2345", "BHD").rounded()).isEqualTo(Money.of("1.234", "BHD")); // 3 decimals
    }

    @Test
    void prorationDividesOnceAndRoundsOnce() {
        // 29.00 × 14/31 = 13.0967… → 13.10
        assertThat(Money.of("29", "EUR").timesFraction(14, 31)).isEqualTo(Money.of("13.10", "EUR"));
        assertThatThrownBy(() -> Money.of("1", "EUR").timesFraction(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertsToAndFromMinorUnits() {
        assertThat(Money.ofMinor(1234, EUR)).isEqualTo(Money.of("12.34", "EUR"));
        assertThat(Money.of("12.34", "EUR").minorUnits()).isEqualTo(1234);
        assertThatThrownBy(() -> Money.of("0.001", "EUR").minorUnits()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR vs USD");
        assertThatThrownBy(() -> Money.of("1", "EUR").compareTo(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesPseudoCurrenciesWithoutMinorUnit() {
        assertThatThrownBy(() -> Money.of("1", "XXX")).hasMessageContaining("Not a currency of account");
    }

    @Test
    void comparesByValue() {
        assertThat(Money.of("2", "EUR")).isGreaterThan(Money.of("1.99", "EUR"));
        assertThat(Money.of(new BigDecimal("1.00"), EUR)).isEqualByComparingTo(Money.of("1", "EUR"));
        assertThat(Money.of("1.5", "EUR")).hasToString("EUR 1.50");
    }
}
