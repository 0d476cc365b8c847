package dev.bulwark.securitytesting.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScorePolicyTest {

    private static final Map<String, ScorePart> PARTS = Map.of(
            "sec-a", ScorePart.SECURITY, "sec-b", ScorePart.SECURITY, "sec-c", ScorePart.SECURITY,
            "val-a", ScorePart.DATA_VALIDATION, "val-b", ScorePart.DATA_VALIDATION);

    private static Finding finding(String rule, Severity severity, String... operations) {
        return new Finding(rule, severity, OwaspApiTop10.API8, "m", JsonPointer.of("x", rule), "fix",
                List.of(operations));
    }

    private static Score score(int operations, Finding... findings) {
        return ScorePolicy.DEFAULT.score(List.of(findings), PARTS, operations);
    }

    @Test
    void cleanDocumentScoresFullMarksInBothParts() {
        assertThat(score(10)).isEqualTo(new Score(100, Grade.A, 100, 100));
    }

    @Test
    void aRuleCostsHalfItsWeightForFiringAndHalfInProportionToTheOperationsItAffects() {
        // HIGH (10) on 1 of 4 operations: 10 × (0.5 + 0.5 × 0.25) = 6.25; exp(-6.25 / 50) = 0.8825
        assertThat(score(4, finding("sec-a", Severity.HIGH, "GET /a")).security()).isEqualTo(88);
        // on all four: 10 × 1 = 10; exp(-0.2) = 0.8187
        assertThat(score(4, finding("sec-a", Severity.HIGH, "GET /a", "GET /b", "GET /c", "GET /d")).security())
                .isEqualTo(82);
        // a document-wide finding counts as affecting everything
        assertThat(score(4, finding("sec-a", Severity.HIGH)).security()).isEqualTo(82);
    }

    @Test
    void theSameHabitCostsTheSameInASmallAndALargeApi() {
        Finding small = finding("val-a", Severity.LOW, ops(5).toArray(String[]::new));
        Finding large = finding("val-a", Severity.LOW, ops(500).toArray(String[]::new));

        assertThat(score(5, small)).isEqualTo(score(500, large));
    }

    @Test
    void repeatingARuleDoesNotAddUpButDistinctRulesDo() {
        Score once = score(2, finding("sec-a", Severity.MEDIUM, "GET /a"));
        Score repeated = ScorePolicy.DEFAULT.score(List.of(
                finding("sec-a", Severity.MEDIUM, "GET /a"), finding("sec-a", Severity.LOW, "GET /a")), PARTS, 2);
        Score distinct = score(2, finding("sec-a", Severity.MEDIUM, "GET /a"), finding("sec-b", Severity.MEDIUM, "GET /a"));

        assertThat(repeated).isEqualTo(once);
        assertThat(distinct.security()).isLessThan(once.security());
    }

    @Test
    void partsAreScoredApartAndTheOverallCountsSecurityTwice() {
        Score score = score(1, finding("val-a", Severity.MEDIUM, "GET /a"), finding("val-b", Severity.LOW, "GET /a"));

        assertThat(score.security()).isEqualTo(100);
        // validation cost 5 + 1 = 6; exp(-6 / 10) = 0.5488
        assertThat(score.dataValidation()).isEqualTo(55);
        assertThat(score.value()).isEqualTo(Math.round((2 * 100 + 55) / 3.0f));
    }

    @Test
    void doesNotSaturateWhereTheOldCappedSubtractionDid() {
        // Ten HIGH rules and three CRITICAL ones over every operation: the old policy's 0.
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            findings.add(finding("r" + i, i < 3 ? Severity.CRITICAL : Severity.HIGH));
        }
        Score worse = ScorePolicy.DEFAULT.score(findings, Map.of(), 3);
        findings.remove(findings.size() - 1);
        Score better = ScorePolicy.DEFAULT.score(findings, Map.of(), 3);

        assertThat(worse.security()).isPositive().isLessThan(better.security());
    }

    @Test
    void everySeverityHasAWeightAndEveryPartAScale() {
        assertThatThrownBy(() -> new ScorePolicy(Map.of(Severity.HIGH, 10), ScorePolicy.DEFAULT.scales()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScorePolicy(ScorePolicy.DEFAULT.weights(), Map.of(ScorePart.SECURITY, 50.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScorePolicy(ScorePolicy.DEFAULT.weights(),
                Map.of(ScorePart.SECURITY, 0.0, ScorePart.DATA_VALIDATION, 10.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"100, A", "90, A", "89, B", "80, B", "79, C", "70, C", "69, D", "60, D", "59, F", "0, F"})
    void gradeBoundaries(int score, Grade grade) {
        assertThat(Grade.of(score)).isEqualTo(grade);
    }

    @Test
    void scoreRejectsOutOfRangeAndMismatchedGrade() {
        assertThatThrownBy(() -> Score.of(101, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Score(95, Grade.B, 95, 95)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> ops(int n) {
        return IntStream.range(0, n).mapToObj(i -> "GET /r" + i).toList();
    }
}
