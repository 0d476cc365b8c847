package dev.bulwark.controlplane.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void shipsAboutAThousandCommonPasswords() {
        assertThat(policy.commonCount()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void refusesShortLongCommonAndEmailDerivedPasswords() {
        assertThat(policy.check("password", "elevenchars", "a@b.test")).isPresent();
        assertThat(policy.check("password", "x".repeat(129), "a@b.test")).isPresent();
        assertThat(policy.check("password", "Password1234", "a@b.test")).get().extracting("message").asString().contains("common");
        assertThat(policy.check("password", "I am Grace.Hopper in 2026", "grace.hopper@navy.test")).isPresent();
        assertThat(policy.check("password", "twelve chars", "a@b.test")).isEmpty();
        assertThat(policy.check("password", "\uD83D\uDD11".repeat(12), "a@b.test")).as("length counts characters, not UTF-16 units").isEmpty();
    }
}
