package dev.bulwark.securitytesting.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.openapi.NameHeuristics.Sensitivity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameHeuristicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"id", "ID", "userId", "orderID", "account_id", "tenant-uuid", "deviceGuid", "uuid"})
    void objectIdentifiers(String name) {
        assertThat(NameHeuristics.isObjectIdentifier(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"paid", "valid", "idea", "name", "slug", "width"})
    void notObjectIdentifiers(String name) {
        assertThat(NameHeuristics.isObjectIdentifier(name)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "password, SECRET", "client_secret, SECRET", "SSN, SECRET", "creditCardNumber, SECRET",
            "cvv, SECRET", "passwordHash, SECRET", "accessToken, CREDENTIAL", "api_key, CREDENTIAL",
            "tokenType, none", "passwordChangedAt, none", "isPasswordSet, none", "name, none"})
    void sensitivity(String name, Sensitivity expected) {
        assertThat(NameHeuristics.sensitivity(name).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"avatarUrl, true", "redirect_uri, true", "callback, true", "webhookTarget, true", "href, true",
            "title, false", "urgency, false"})
    void urlLikeNames(String name, boolean expected) {
        assertThat(NameHeuristics.isUrlLike(name)).isEqualTo(expected);
    }
}
