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
    @CsvSource({"avatarUrl, true", "redirect_uri, true", "callbackUrl, true", "webhookTarget, true", "href, true",
            "callback, false", "jsonp, false", "title, false", "urgency, false", "curl, false"})
    void urlLikeNames(String name, boolean expected) {
        assertThat(NameHeuristics.isUrlLike(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"accountUUID, account uuid", "X-Request-ID, x request id", "issue_number, issue number",
            "HTTPServer, http server", "userId2, user id2"})
    void namesAreReadAsWords(String name, String words) {
        assertThat(String.join(" ", NameHeuristics.words(name))).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource({"api_key, true", "apiKey, true", "key, true", "access_token, true", "refreshToken, true",
            "id_token, true", "password, true", "client_secret, true", "page_token, false", "nextPageToken, false",
            "continuationToken, false", "syncToken, false", "cursor, false", "token_type, false", "keyword, false",
            "monkey, false"})
    void credentialNamesButNotPaginationTokens(String name, boolean expected) {
        assertThat(NameHeuristics.isCredentialName(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/login, , false, true", "/users/signup, , true, true", "/auth, createSession, true, false",
            "/oauth/token, , true, true", "/v1/tokens, , true, true", "/v1/tokens, , false, false",
            "/account/password/forgot-password, , true, true", "/pets, listPets, false, false",
            "/users/{id}/password, changePassword, true, false"})
    void authenticationFlowsAreAnonymousByDesign(String path, String operationId, boolean post, boolean expected) {
        assertThat(NameHeuristics.isAuthenticationFlow(path, operationId, post)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/admin/users, true", "/v1/internal/cache, true", "/actuator/health, true", "/administrators, false",
            "/users/{admin}, false", "/badminton, false"})
    void administrativePaths(String path, boolean expected) {
        assertThat(NameHeuristics.isAdministrative(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"iban, true", "cardNumber, true", "account_balance, true", "salary, true", "price, false",
            "name, false"})
    void financialData(String name, boolean expected) {
        assertThat(NameHeuristics.isFinancialData(name)).isEqualTo(expected);
    }
}
