package dev.bulwark.securitytesting.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The constraints of the SARIF 2.1.0 JSON schema that apply to what the writer emits, written out
 * by hand (required properties, enumerations, minimums). Not the full schema, and not fetched: the
 * build stays offline.
 */
final class SarifShape {

    private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

    private SarifShape() {}

    static List<String> problems(JsonNode log) {
        List<String> problems = new ArrayList<>();
        require(log.path("version").asText().equals("2.1.0"), "version must be 2.1.0", problems);
        require(log.path("runs").isArray(), "runs must be an array", problems);
        for (JsonNode run : log.path("runs")) {
            JsonNode driver = run.at("/tool/driver");
            require(driver.path("name").isTextual(), "tool.driver.name is required", problems);
            Set<String> ids = new HashSet<>();
            for (JsonNode rule : driver.path("rules")) {
                require(rule.path("id").isTextual(), "rule.id is required", problems);
                require(ids.add(rule.path("id").asText()), "rule ids must be unique: " + rule.path("id"), problems);
                message(rule.path("shortDescription"), "rule.shortDescription", problems);
                require(!rule.has("helpUri") || rule.path("helpUri").asText().startsWith("https://"),
                        "rule.helpUri must be a URI", problems);
                require(LEVELS.contains(rule.at("/defaultConfiguration/level").asText()),
                        "rule.defaultConfiguration.level is not a SARIF level", problems);
            }
            for (JsonNode result : run.path("results")) {
                message(result.path("message"), "result.message", problems);
                require(LEVELS.contains(result.path("level").asText()), "result.level is not a SARIF level", problems);
                require(!result.has("ruleIndex") || result.path("ruleIndex").asInt(-1) >= 0,
                        "result.ruleIndex must be >= 0", problems);
                for (JsonNode location : result.path("locations")) {
                    JsonNode physical = location.path("physicalLocation");
                    require(physical.at("/artifactLocation/uri").isTextual(), "artifactLocation.uri is required",
                            problems);
                    JsonNode region = physical.path("region");
                    require(region.isMissingNode() || region.path("startLine").asInt(0) >= 1,
                            "region.startLine must be >= 1", problems);
                    require(region.isMissingNode() || region.path("startColumn").asInt(0) >= 1,
                            "region.startColumn must be >= 1", problems);
                }
            }
        }
        return problems;
    }

    /** A SARIF message object needs text (or an id, which the writer never uses). */
    private static void message(JsonNode message, String where, List<String> problems) {
        require(message.path("text").isTextual() && !message.path("text").asText().isBlank(),
                where + ".text is required", problems);
    }

    private static void require(boolean condition, String problem, List<String> problems) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
