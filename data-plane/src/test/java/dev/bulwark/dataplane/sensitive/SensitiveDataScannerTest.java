package dev.bulwark.dataplane.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.SensitiveDataKind;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each format found and masked, and the look-alikes ordinary responses are full of left alone (test values made up here). */
class SensitiveDataScannerTest {
    private static final SensitiveDataScanner ALL = new SensitiveDataScanner(EnumSet.allOf(SensitiveDataKind.class), 4);

    private static SensitiveDataScanner.Result find(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ALL.scan(bytes, bytes.length, false, false, false);
    }

    private static String masked(String text, boolean json) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ALL.scan(bytes, bytes.length, json, true, false);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            card-number => card 4111 1111 1111 1111 on file
            card-number => 5500-0000-0000-0004
            card-number => amex 378282246310005.
            card-number => 6011000990139424
            iban        => pay to DE89 3704 0044 0532 0130 00 today
            iban        => GB82WEST12345698765432
            national-id => ssn 078-05-1120
            jwt         => Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U
            api-key     => aws AKIAIOSFODNN7EXAMPLE key
            api-key     => AIzaSyA1234567890abcdefghijklmnopqrstuv
            api-key     => ghp_0123456789abcdefghijklmnopqrstuvwxyz
            api-key     => sk_live_4eC39HqLyjWDarjtT1zdp7dc
            api-key     => xoxb-1234567890-abcdefghij
            private-key => -----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7\\n-----END RSA PRIVATE KEY-----
            email       => write to ada.lovelace+api@example.co.uk please
            phone       => call +49 30 1234567
            """)
    void eachKindIsFound(String kind, String text) {
        SensitiveDataScanner.Result result = find(text);

        assertThat(result.count()).isEqualTo(1);
        assertThat(result.first().ruleId()).isEqualTo("sensitive-" + kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4111 1111 1111 1112",                       // Luhn fails
        "order 1234567890123456",                    // no card network issues 1...
        "id 7992739871300000000",                    // 19 digits, no issuer prefix
        "4111111111111111111111",                    // too long: part of a longer number
        "v2.4111111111111111",                       // inside a dotted version
        "ts 1733478600000",                          // epoch milliseconds
        "uuid 4a1b2c3d-4e5f-4061-8a9b-0c1d2e3f4a5b",
        "DE89 3704 0044 0532 0130 01",               // IBAN check digits wrong
        "SKU AB12CDEFGHIJKLMNOP",                    // not an IBAN country
        "000-12-3456 and 666-12-3456 and 123-00-4567", // never-issued SSN ranges
        "tel 2024-12-06-1234",                       // a date with a suffix
        "eyJhbGciOiJIUzI1NiJ9 alone",                // a header without claims
        "AKIAIOSFODNN7EXAMPL",                       // one character short
        "-----BEGIN PUBLIC KEY-----",
        "user@localhost",                            // no dotted domain
        "+0 12345678",                               // not a country code
    })
    void lookAlikesPass(String text) {
        assertThat(find(text).count()).as(text).isZero();
    }

    @Test
    void maskingKeepsTheLengthAndTheLastCharactersOrTheIssuerPrefix() {
        assertThat(masked("{\"card\":\"4111 1111 1111 1111\",\"n\":1}", true)).isEqualTo("{\"card\":\"**** **** **** 1111\",\"n\":1}");
        assertThat(masked("{\"iban\":\"GB82WEST12345698765432\"}", true)).isEqualTo("{\"iban\":\"" + "*".repeat(18) + "5432\"}");
        assertThat(masked("key=AKIAIOSFODNN7EXAMPLE;", false)).isEqualTo("key=AKIA" + "*".repeat(16) + ";");
        assertThat(masked("to ada@example.com", false)).isEqualTo("to ***@example.com");
    }

    @Test
    void aCardNumberThatIsABareJsonNumberIsMaskedWithZerosSoTheDocumentStillParses() {
        assertThat(masked("{\"pan\":4111111111111111}", true)).isEqualTo("{\"pan\":0000000000001111}");
    }

    @Test
    void aPrivateKeyBodyIsMaskedButNotItsEscapes() {
        String key = "{\"k\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg+/=\\nabc\\n-----END PRIVATE KEY-----\"}";
        assertThat(masked(key, true)).isEqualTo("{\"k\":\"-----BEGIN PRIVATE KEY-----\\n" + "*".repeat(17) + "\\n***\\n-----END PRIVATE KEY-----\"}");
    }

    @Test
    void onlyTheConfiguredKindsAreLookedFor() {
        SensitiveDataScanner cardsOnly = new SensitiveDataScanner(EnumSet.of(SensitiveDataKind.CARD_NUMBER), 4);
        byte[] bytes = "ada@example.com AKIAIOSFODNN7EXAMPLE 4111111111111111".getBytes(StandardCharsets.UTF_8);

        SensitiveDataScanner.Result result = cardsOnly.scan(bytes, bytes.length, false, false, false);

        assertThat(result.count()).isEqualTo(1);
        assertThat(result.first().kind()).isEqualTo(SensitiveDataKind.CARD_NUMBER);
    }

    @Test
    void everyFindingOfABodyIsMasked() {
        assertThat(masked("a 4111111111111111 b 5500000000000004 c", false)).isEqualTo("a ************1111 b ************0004 c");
    }
}
