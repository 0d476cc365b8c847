package dev.bulwark.dataplane.contract;

import static dev.bulwark.dataplane.contract.Contracts.api;
import static dev.bulwark.dataplane.contract.Contracts.body;
import static dev.bulwark.dataplane.contract.Contracts.compile;
import static dev.bulwark.dataplane.contract.Contracts.operation;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.format.EmailFormat;
import dev.bulwark.contracts.policy.BodyStructureLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5321 mailboxes in one pass; what the pass leaves to the library (literals, non-ASCII) still decided by it. */
class MailboxFormatTest {
    private static final MailboxFormat FORMAT = new MailboxFormat(new EmailFormat());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ada.lovelace@example.com              | true
            Ada@EXAMPLE.COM                       | true
            a!#$%&'*+-/=?^_{}~@example.com        | true
            "joe bloggs"@example.com              | true
            "joe..bloggs"@example.com             | true
            "a\\"b"@example.com                   | true
            "a@b"@example.com                     | true
            a@localhost                           | true
            a@sub.example.co.uk                   | true
            a@xn--80ak6aa92e.com                  | true
            a@example.xn--p1ai                    | true
            ada@example.newtld                    | true
            joe@[127.0.0.1]                       | true
            joe@[IPv6:::1]                        | true
            josé@example.com                      | true
            2962                                  | false
            @example.com                          | false
            a@                                    | false
            .test@example.com                     | false
            test.@example.com                     | false
            te..st@example.com                    | false
            a b@example.com                       | false
            a@b@example.com                       | false
            a@-x.com                              | false
            a@x-.com                              | false
            a@x..com                              | false
            a@x.com.                              | false
            a@ex_ample.com                        | false
            a@example.123                         | false
            a@1.2.3.4                             | false
            a@example.c0m                         | false
            "unterminated@example.com             | false
            ' OR 1=1--@example.com                | false
            <script>@example.com                  | false
            joe@[127.0.0.300]                     | false
            """)
    void decidesMailboxes(String address, boolean valid) {
        assertThat(FORMAT.matches(null, address)).isEqualTo(valid);
    }

    @Test
    void boundsLocalPartAndLabels() {
        assertThat(FORMAT.matches(null, "x".repeat(64) + "@example.com")).isTrue();
        assertThat(FORMAT.matches(null, "x".repeat(65) + "@example.com")).isFalse();
        assertThat(FORMAT.matches(null, "a@" + "l".repeat(63) + ".com")).isTrue();
        assertThat(FORMAT.matches(null, "a@" + "l".repeat(64) + ".com")).isFalse();
    }

    @Test
    void refusesABackslashOutsideQuotesWhichTheLibraryAccepts() {
        // RFC 5321's Dot-string has no escapes: a backslash belongs in a quoted local part only
        assertThat(new EmailFormat().matches(null, "a\\b@example.com")).isTrue();
        assertThat(FORMAT.matches(null, "a\\b@example.com")).isFalse();
        assertThat(FORMAT.matches(null, "\"a\\\\b\"@example.com")).isTrue();
    }

    @Test
    void agreesWithTheLibraryOnAsciiAddressesWithKnownTopLevelDomains() {
        EmailFormat library = new EmailFormat();
        String[] locals = {"a", "a.b", "a..b", ".a", "a.", "a+b", "\"a b\"", "\"a\\\"\"", "a\"b", "a(b)", "a,b", "", "~"};
        String[] domains = {"example.com", "b.co", "x-y.org", "-x.com", "x-.com", "x..com", ".x.com", "x.com.", "x_y.com", "x y.com",
            "123.com", "example.123", "localhost", "example.c0m"};
        for (String local : locals) {
            for (String domain : domains) {
                String address = local + "@" + domain;
                assertThat(FORMAT.matches(null, address)).as(address + " library says " + library.matches(null, address)).isEqualTo(library.matches(null, address));
            }
        }
    }

    @Test
    void isTheFormatCompiledSchemasUse() {
        CompiledOperation operation = compile(api(null), operation("invite", "POST", "/invites", body(true, "application/json",
                "{\"type\":\"object\",\"properties\":{\"email\":{\"type\":\"string\",\"format\":\"email\"}}}")));
        // the library refuses top-level domains missing from its list; this format reads the syntax
        assertThat(check(operation, "{\"email\":\"ada@example.newtld\"}")).isNull();
        assertThat(check(operation, "{\"email\":\"ada@example..com\"}").violations()).extracting(ContractViolation::location)
                .containsExactly("body/email");
    }

    private static BodyChecks.Refusal check(CompiledOperation operation, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return BodyChecks.check(operation, "application/json", bytes, BodyStructureLimits.DEFAULT,
                BodyChecks.jsonLimits(BodyStructureLimits.DEFAULT), true);
    }
}
