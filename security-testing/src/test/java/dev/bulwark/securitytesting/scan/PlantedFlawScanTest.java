package dev.bulwark.securitytesting.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.RunLog;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import dev.bulwark.securitytesting.scan.model.ScanSettings;
import dev.bulwark.securitytesting.scan.model.ScanTarget;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.vulnerable.PlantedFlawApi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scanner against the planted-flaw API, directly (the checks about gateway policies are proven
 * through a real gateway in the data plane): every planted flaw is found on the flawed twin, nothing
 * on the fixed twin.
 */
class PlantedFlawScanTest {
    private static ApiDocument contract;
    private static final List<String> PROTECTED_READS = List.of("GET /orders", "GET /orders/{orderId}", "GET /products",
            "GET /products/{productId}", "GET /preview", "GET /admin/users", "GET /reports");
    private static TestDatabase database;

    @BeforeAll
    static void database() throws Exception {
        contract = new OpenApiLoader().parse(PlantedFlawApi.contract(), "planted-flaw-api.yaml");
        database = RealServices.newDatabase();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    static ScanTarget target(PlantedFlawApi api) {
        return ScanTarget.of(api.baseUrl(), contract, Identity.bearer("alice", api.token("alice", "user")))
                .withSecondary(Identity.bearer("bob", api.token("bob", "user")))
                .withExpired(Identity.bearer("alice (expired)", api.expiredToken("alice")))
                .withRevoked(Identity.bearer("alice (revoked)", api.revokedToken("alice")));
    }

    static ScanSettings staging(PlantedFlawApi api) {
        return ScanSettings.safeDefaults().withWrites(true).withBudget(1_000, 50)
                .withSsrfCanary(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withSslContext(api.clientTrust());
    }

    @Test
    void every_planted_flaw_is_found_on_the_flawed_twin() throws Exception {
        try (PlantedFlawApi api = PlantedFlawApi.flawed(database)) {
            ScanTarget target = target(api);
            ScanReport report = Scanner.withDefaultChecks().scan(target, staging(api));

            Set<String> expected = new TreeSet<>(Set.of(
                    "transport-security * scheme",
                    "security-headers * X-Content-Type-Options", "security-headers * X-Powered-By",
                    "cors-misconfiguration * Access-Control-Allow-Origin",
                    "unsafe-http-methods * TRACE",
                    "auth-missing-credential GET /reports -",
                    "jwt-alg-none GET /orders -",
                    "jwt-weak-secret * -",
                    "bola GET /orders/{orderId} orderId",
                    "bfla GET /admin/users -",
                    "excessive-data-exposure GET /orders/{orderId} cardNumber,internalNote",
                    "mass-assignment POST /orders id", "mass-assignment POST /orders status",
                    "mass-assignment POST /orders bulwarkScanRole",
                    "injection GET /products search",
                    "verbose-errors GET /products/{productId} productId",
                    "ssrf GET /preview url",
                    "missing-rate-limit * -"));
            for (String variant : List.of("auth-invalid-credential", "auth-expired-credential", "auth-revoked-credential")) {
                PROTECTED_READS.forEach(operation -> expected.add(variant + " " + operation + " -"));
            }
            assertThat(keys(report)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(report.outcome()).isEqualTo(ScanReport.Outcome.COMPLETED);
            assertThat(report.findings()).allSatisfy(finding -> {
                assertThat(finding.owaspCategory()).isNotNull();
                assertThat(finding.remediation()).isNotBlank();
            });
            assertThat(report.findings()).filteredOn(f -> f.checkId().equals("excessive-data-exposure"))
                    .singleElement().satisfies(f -> assertThat(f.severity().name()).isEqualTo("HIGH"));
            assertNoSecretsIn(report, target);
        }
    }

    @Test
    void nothing_is_reported_on_the_fixed_twin() throws Exception {
        try (PlantedFlawApi api = PlantedFlawApi.fixed(database, true)) {
            ScanReport report = Scanner.withDefaultChecks().scan(target(api), staging(api));

            assertThat(report.findings()).isEmpty();
            assertThat(report.outcome()).isEqualTo(ScanReport.Outcome.COMPLETED);
            // The checks ran rather than skipping: the burst was limited, writes and SSRF probes were sent.
            assertThat(messages(report)).noneMatch(line -> line.contains("skipped"))
                    .anyMatch(line -> line.startsWith("missing-rate-limit: limited after"));
            assertThat(api.received()).contains("POST /orders", "GET /preview", "TRACE /orders");
        }
    }

    @Test
    void a_default_scan_is_read_only() throws Exception {
        try (PlantedFlawApi api = PlantedFlawApi.flawed(database)) {
            ScanReport report = Scanner.withDefaultChecks().scan(target(api), ScanSettings.safeDefaults().withBudget(500, 50));

            assertThat(api.received()).allMatch(line -> line.startsWith("GET ") || line.startsWith("TRACE "));
            assertThat(report.writesAllowed()).isFalse();
            assertThat(keys(report)).noneMatch(key -> key.startsWith("mass-assignment"));
            assertThat(messages(report)).contains("mass-assignment: skipped, writes are not allowed for this scan",
                    "ssrf: skipped, no canary address was given");
        }
    }

    @Test
    void the_request_budget_bounds_the_scan() throws Exception {
        try (PlantedFlawApi api = PlantedFlawApi.flawed(database)) {
            ScanReport report = Scanner.withDefaultChecks().scan(target(api), ScanSettings.safeDefaults().withBudget(12, 50));

            assertThat(report.requestsSent()).isEqualTo(12);
            assertThat(api.received()).hasSize(12);
            assertThat(report.outcome()).isEqualTo(ScanReport.Outcome.BUDGET_SPENT);
            assertThat(messages(report)).contains("request budget of 12 spent: remaining probes skipped");
        }
    }

    @Test
    void a_cancelled_scan_sends_nothing_more() throws Exception {
        try (PlantedFlawApi api = PlantedFlawApi.flawed(database)) {
            var control = new dev.bulwark.securitytesting.scan.model.ScanControl();
            RunLog log = new RunLog(java.time.Clock.systemUTC(), entry -> {
                if (entry.message().startsWith("cors-misconfiguration:")) {
                    control.cancel();
                }
            });
            ScanReport report = Scanner.withDefaultChecks().scan(target(api), ScanSettings.safeDefaults().withBudget(500, 50),
                    control, log);

            assertThat(report.outcome()).isEqualTo(ScanReport.Outcome.CANCELLED);
            assertThat(api.received()).hasSize(report.requestsSent()).noneMatch(line -> line.startsWith("TRACE"));
            assertThat(messages(report)).contains("unsafe-http-methods: not run", "missing-rate-limit: not run");
        }
    }

    static Set<String> keys(ScanReport report) {
        return report.findings().stream()
                .map(f -> f.checkId() + " " + f.operation() + " " + (f.parameter() == null ? "-" : f.parameter()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> messages(ScanReport report) {
        return report.log().stream().map(RunLog.Entry::message).toList();
    }

    static void assertNoSecretsIn(ScanReport report, ScanTarget target) {
        List<String> secrets = List.of(target.primary().bearerToken().orElseThrow(),
                target.secondary().orElseThrow().bearerToken().orElseThrow(), "4111111111111111");
        for (ScanFinding finding : report.findings()) {
            for (String secret : secrets) {
                assertThat(finding.evidence() + finding.message()).doesNotContain(secret);
            }
        }
        assertThat(report.log()).allSatisfy(entry -> secrets.forEach(s -> assertThat(entry.message()).doesNotContain(s)));
    }
}
