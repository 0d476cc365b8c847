package dev.bulwark.securitytesting.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.sarif.SarifWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/security-testing.md documents every rule, its score part and the scoring constants; keep them in step. */
class DocumentationTest {

    private static List<String> lines;

    @BeforeAll
    static void read() throws Exception {
        Path root = Path.of(System.getProperty("bulwark.root", ".."));
        lines = Files.readAllLines(root.resolve("docs/security-testing.md"));
    }

    @Test
    void everyRuleHasATableRowWithItsCategory() {
        for (RuleDescriptor rule : ApiAuditor.withDefaultRules().rules()) {
            assertThat(lines)
                    .as("row for %s", rule.id())
                    .anyMatch(line -> line.startsWith("| `" + rule.id() + "` | " + rule.category().id() + " | "
                            + rule.part().name() + " | " + rule.severity().name()));
        }
    }

    @Test
    void weightsTableMatchesTheDefaultPolicy() {
        for (Severity severity : Severity.values()) {
            assertThat(lines).contains("| " + severity.name() + " | " + ScorePolicy.DEFAULT.weight(severity) + " | "
                    + SarifWriter.level(severity) + " |");
        }
        for (ScorePart part : ScorePart.values()) {
            assertThat(lines).contains("| " + part.name() + " | " + (int) ScorePolicy.DEFAULT.scale(part) + " |");
        }
    }
}
