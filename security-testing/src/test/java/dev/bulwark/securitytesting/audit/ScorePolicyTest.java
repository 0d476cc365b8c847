package dev.bulwark.securitytesting.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScorePolicyTest {

    private static Finding finding(String rule, Severity severity, int n) {
        return new Finding(rule, severity, OwaspApiTop10.API8, "m" + n, JsonPointer.of("x", "" + n), "fix");
    }

    @Test
    void cleanDocumentScoresFullMarks() {
        assertThat(ScorePolicy.DEFAULT.score(List.of())).isEqualTo(new Score(100, Grade.A));
    }

    @Test
    void deductsTheDocumentedWeightPerSeverity() {
        List<Finding> findings = List.of(
                finding("a", Severity.CRITICAL, 1), // 25
                finding("b", Severity.HIGH, 2), //     10
                finding("c", Severity.MEDIUM, 3), //    5
                finding("d", Severity.LOW, 4), //       1
                finding("e", Severity.INFO, 5)); //     0

        assertThat(ScorePolicy.DEFAULT.score(findings).value()).isEqualTo(100 - 25 - 10 - 5 - 1);
    }

    @Test
    void countsOnlyTheThreeHeaviestFindingsOfARule() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            findings.add(finding("low-noise", Severity.LOW, i));
        }
        findings.add(finding("mixed", Severity.LOW, 100));
        findings.add(finding("mixed", Severity.HIGH, 101));
        findings.add(finding("mixed", Severity.MEDIUM, 102));
        findings.add(finding("mixed", Severity.HIGH, 103));

        // low-noise: 3 x 1; mixed: HIGH + HIGH + MEDIUM (the LOW one is the fourth heaviest).
        assertThat(ScorePolicy.DEFAULT.score(findings).value()).isEqualTo(100 - 3 - 25);
    }

    @Test
    void neverGoesBelowZero() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            findings.add(finding("rule-" + i, Severity.CRITICAL, i));
        }

        assertThat(ScorePolicy.DEFAULT.score(findings)).isEqualTo(new Score(0, Grade.F));
    }

    @Test
    void customPolicyIsValidated() {
        assertThatThrownBy(() -> new ScorePolicy(Map.of(Severity.HIGH, 10), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScorePolicy(ScorePolicy.DEFAULT.weights(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"100, A", "90, A", "89, B", "80, B", "79, C", "70, C", "69, D", "60, D", "59, F", "0, F"})
    void gradeBoundaries(int score, Grade grade) {
        assertThat(Score.of(score).grade()).isEqualTo(grade);
    }

    @Test
    void scoreRejectsOutOfRangeAndMismatchedGrade() {
        assertThatThrownBy(() -> Score.of(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Score(95, Grade.B)).isInstanceOf(IllegalArgumentException.class);
    }
}
