package dev.bulwark.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.schema.Violation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UpstreamGuardTest {
    private final UpstreamGuard guard = new UpstreamGuard();

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/", "http://127.8.9.10:8080/x", "https://10.1.2.3", "http://172.16.0.1", "http://172.31.255.255",
        "http://192.168.1.1", "http://0.0.0.0", "http://169.254.1.1", "http://[::1]/", "http://[fe80::1]/",
        "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[::ffff:7f00:1]/", "http://localhost:8080",
        "http://[::7f00:1]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/", "http://[ff02::1]/", "http://224.0.0.1/",
        "http://api.localhost/", "http://100.64.0.1/"})
    void refusesLoopbackLinkLocalAndPrivateAddresses(String url) {
        List<Violation> violations = guard.check(List.of(url), false, "upstreamUrls");
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("upstreamUrls[0]");
            assertThat(v.message()).containsAnyOf("private", "loopback");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/computeMetadata/v1/", "http://METADATA.google.internal./"})
    void refusesCloudMetadataEvenWhenPrivateUpstreamsAreAllowed(String url) {
        assertThat(guard.check(List.of(url), true, "u")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("metadata"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://[::ffff:a9fe:a9fe]/", "http://[::a9fe:a9fe]/", "http://[64:ff9b::a9fe:a9fe]/"})
    void refusesMetadataInIpv6Disguise(String url) {
        assertThat(guard.check(List.of(url), true, "u")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("metadata"));
    }

    /** The gateway's HTTP client cannot use these; before, a request to such an API never got an answer. */
    @ParameterizedTest
    @ValueSource(strings = {"http://[::127.0.0.1]:8080/", "http://[fe80::1%25lo]/", "http://[fe80::1%25eth0]:80/",
        "http://[::ffff:127.0.0.1]/", "http://[::ffff:203.0.113.9]/"})
    void refusesZoneIdsAndDottedIpv6EvenWithPrivateUpstreams(String url) {
        assertThat(guard.check(List.of(url), true, "u")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("IPv6 form"));
    }

    @Test
    void acceptsANameThatDoesNotResolveNowTheGatewayChecksWhatItConnectsTo() {
        assertThat(guard.check(List.of("https://not-yet-created.invalid/api"), false, "u")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/", "http://127.1/", "http://0x7f.0.0.1/", "http://0177.0.0.1/"})
    void refusesAmbiguousNumericHosts(String url) {
        assertThat(guard.check(List.of(url), true, "u")).singleElement()
                .satisfies(v -> assertThat(v.message()).containsAnyOf("ambiguous", "must name a host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://203.0.113.1/", "file:///etc/passwd", "gopher://203.0.113.1/", "http://user:pw@203.0.113.1/",
        "https:///nohost", "not a url", "http://203.0.113.1/?q=1"})
    void refusesOtherSchemesCredentialsAndMalformedUrls(String url) {
        assertThat(guard.check(List.of(url), false, "u")).hasSize(1);
    }

    @Test
    void acceptsPublicAddressesAndPrivateOnesWhenAllowed() {
        assertThat(guard.check(List.of("https://203.0.113.7/api", "http://[2001:db8::1]:8443/"), false, "u")).isEmpty();
        assertThat(guard.check(List.of("http://10.0.0.5:8080", "http://localhost:9000"), true, "u")).isEmpty();
    }

    @Test
    void h2cUpstreamsPassTheSameAddressChecks() {
        assertThat(guard.check(List.of("h2c://203.0.113.7:50051/grpc"), false, "u")).isEmpty();
        assertThat(guard.check(List.of("h2c://127.0.0.1:50051"), false, "u")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("loopback"));
        assertThat(guard.check(List.of("h2c://169.254.169.254/"), true, "u")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("metadata"));
    }

    @Test
    void namesEveryBadEntryByIndex() {
        List<Violation> violations = guard.check(List.of("https://203.0.113.7", "http://10.0.0.1", "ftp://x"), false, "upstreamUrls");
        assertThat(violations).extracting(Violation::path).containsExactly("upstreamUrls[1]", "upstreamUrls[2]");
    }
}
