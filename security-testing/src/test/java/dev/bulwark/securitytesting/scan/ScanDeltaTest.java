package dev.bulwark.securitytesting.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import dev.bulwark.securitytesting.scan.model.ScanSettings;
import dev.bulwark.securitytesting.scan.model.ScanTarget;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.vulnerable.PlantedFlawApi;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Status per finding between runs: scan the flawed API, scan it again, "fix" it (its twin), scan again. */
class ScanDeltaTest {
    private static TestDatabase database;
    private static ApiDocument contract;

    @BeforeAll
    static void start() throws Exception {
        database = RealServices.newDatabase();
        contract = new OpenApiLoader().parse(PlantedFlawApi.contract(), "planted-flaw-api.yaml");
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    private static ScanReport scan(PlantedFlawApi api, URI url, int budget) {
        ScanTarget target = ScanTarget.of(url, contract, Identity.bearer("alice", api.token("alice", "user")))
                .withSecondary(Identity.bearer("bob", api.token("bob", "user")));
        return Scanner.withDefaultChecks().scan(target, ScanSettings.safeDefaults().withBudget(budget, 50));
    }

    @Test
    void findings_are_new_then_still_present_then_fixed() throws Exception {
        List<ScanFinding> first;
        try (PlantedFlawApi flawed = PlantedFlawApi.flawed(database)) {
            first = scan(flawed, flawed.baseUrl(), 1_000).findings();
            assertThat(ScanDelta.between(List.of(), scan(flawed, flawed.baseUrl(), 1_000)).findings())
                    .isNotEmpty().allMatch(tracked -> tracked.status() == ScanDelta.Status.NEW);

            ScanDelta again = ScanDelta.between(first, scan(flawed, flawed.baseUrl(), 1_000));
            assertThat(again.findings()).allMatch(tracked -> tracked.status() == ScanDelta.Status.STILL_PRESENT);
            assertThat(again.fixed()).isEmpty();
        }
        try (PlantedFlawApi fixed = PlantedFlawApi.fixed(database, false)) {
            ScanDelta afterFix = ScanDelta.between(first, scan(fixed, fixed.baseUrl(), 1_000));

            // Served without TLS, the twin keeps the plain-HTTP finding; everything else is fixed.
            assertThat(afterFix.findings()).singleElement().satisfies(tracked -> {
                assertThat(tracked.finding().checkId()).isEqualTo("transport-security");
                assertThat(tracked.status()).isEqualTo(ScanDelta.Status.STILL_PRESENT);
            });
            assertThat(afterFix.fixed()).extracting(ScanFinding::checkId)
                    .contains("bola", "injection", "auth-missing-credential", "missing-rate-limit");
            assertThat(afterFix.notRetested()).isEmpty();
        }
    }

    @Test
    void a_check_that_did_not_run_fixes_nothing() throws Exception {
        try (PlantedFlawApi flawed = PlantedFlawApi.flawed(database);
             PlantedFlawApi fixed = PlantedFlawApi.fixed(database, false)) {
            List<ScanFinding> first = scan(flawed, flawed.baseUrl(), 1_000).findings();
            // A budget of 3 stops the scan in its first checks: later findings are not retested, not fixed.
            ScanDelta cut = ScanDelta.between(first, scan(fixed, fixed.baseUrl(), 3));

            assertThat(cut.notRetested()).extracting(ScanFinding::checkId).contains("bola", "injection", "missing-rate-limit");
            assertThat(cut.fixed()).extracting(ScanFinding::checkId).doesNotContain("bola", "injection", "missing-rate-limit");
        }
    }
}
