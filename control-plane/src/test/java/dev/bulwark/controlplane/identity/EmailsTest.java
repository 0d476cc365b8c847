package dev.bulwark.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailsTest {
    @Test
    void lookAlikesAndCaseVariantsShareOneForm() {
        assertThat(Emails.normalise("\u212Aim@Example.TEST")).isEqualTo("kim@example.test");
        assertThat(Emails.normalise("  KIM@example.test ")).isEqualTo("kim@example.test");
        assertThat(Emails.normalise("stra\u00DFe@example.test")).isEqualTo("strasse@example.test");
        assertThat(Emails.normalise("\uFB01nance@example.test")).isEqualTo("finance@example.test");
        assertThat(Emails.normalise("\uFF4Bim@example.test")).isEqualTo("kim@example.test");
        String once = Emails.normalise("\u0130stanbul@example.test");
        assertThat(Emails.normalise(once)).as("idempotent").isEqualTo(once);
    }

    @Test
    void invisibleAndControlCharactersAreRefused() {
        assertThat(Emails.problem("ki\u200Bm@example.test")).isPresent();
        assertThat(Emails.problem("kim\u00AD@example.test")).isPresent();
        assertThat(Emails.problem("kim@exa\u202Emple.test")).isPresent();
        assertThat(Emails.problem("k im@example.test")).isPresent();
        assertThat(Emails.problem("kim@@example.test")).isPresent();
        assertThat(Emails.problem("\u212Aim@example.test")).isEmpty();
    }
}
