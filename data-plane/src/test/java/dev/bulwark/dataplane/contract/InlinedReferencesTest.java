package dev.bulwark.dataplane.contract;

import static dev.bulwark.dataplane.contract.Contracts.api;
import static dev.bulwark.dataplane.contract.Contracts.body;
import static dev.bulwark.dataplane.contract.Contracts.compile;
import static dev.bulwark.dataplane.contract.Contracts.operation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.BodyStructureLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** References are inlined only where that means exactly the same, and verdicts do not change. */
class InlinedReferencesTest {
    private static JsonNode json(String text) {
        return SchemaEngine.JSON.readTree(text);
    }

    @Test
    void inlinesPlainReferencesAndLeavesRecursionSiblingsAndForeignTargets() {
        JsonNode definitions = json(Contracts.DEFINITIONS);
        JsonNode inlined = InlinedReferences.of(json("{\"$ref\":\"#/$defs/Item\"}"), definitions);

        assertThat(inlined.path("properties").path("kind").path("oneOf").get(0).path("required").get(0).asString()).isEqualTo("isbn");
        assertThat(inlined.path("properties").path("parts").path("items").path("$ref").asString())
                .as("Item inside Item stays a reference").isEqualTo("#/$defs/Item");
        assertThat(definitions).as("the definitions are not modified").isEqualTo(json(Contracts.DEFINITIONS));

        JsonNode siblings = json("{\"$ref\":\"#/$defs/Book\",\"maxProperties\":1}");
        assertThat(InlinedReferences.of(siblings, definitions)).isEqualTo(siblings);
        JsonNode missing = json("{\"properties\":{\"a\":{\"$ref\":\"#/$defs/Nope\"},\"$ref\":{\"type\":\"string\"}}}");
        assertThat(InlinedReferences.of(missing, definitions)).as("a property named $ref is not a reference").isEqualTo(missing);
        JsonNode data = json("{\"enum\":[{\"$ref\":\"#/$defs/Book\"}]}");
        assertThat(InlinedReferences.of(data, definitions)).as("values are data, not schemas").isEqualTo(data);

        JsonNode identified = json("{\"Book\":{\"$id\":\"urn:book\",\"type\":\"object\"}}");
        JsonNode referring = json("{\"$ref\":\"#/$defs/Book\"}");
        assertThat(InlinedReferences.of(referring, identified)).isEqualTo(referring);
    }

    @Test
    void stopsWhereInliningWouldGrowTheSchemaPastItsBound() {
        // each level references the next one twice: 2^20 copies if inlined
        StringBuilder definitions = new StringBuilder("{");
        for (int level = 0; level < 20; level++) {
            definitions.append(level == 0 ? "" : ",").append("\"L").append(level).append("\":{\"properties\":{\"a\":{\"$ref\":\"#/$defs/L")
                    .append(level + 1).append("\"},\"b\":{\"$ref\":\"#/$defs/L").append(level + 1).append("\"}}}");
        }
        definitions.append(",\"L20\":{\"type\":\"string\"}}");
        JsonNode schema = json("{\"$ref\":\"#/$defs/L0\"}");
        assertThat(InlinedReferences.of(schema, json(definitions.toString()))).isEqualTo(schema);
    }

    @Test
    void validationGivesTheSameViolationsAsTheWrittenReferences() {
        // a sibling keyword keeps every reference a reference: the validator then follows them itself
        String kept = Contracts.DEFINITIONS.replaceAll("\\{\"\\$ref\":(\"[^\"]+\")}", "{\"\\$ref\":$1,\"description\":\"kept\"}");
        assertThat(kept).contains("\"description\":\"kept\"").doesNotContain("Book\"},");
        CompiledOperation inlined = compile(api(Contracts.DEFINITIONS), operation("create", "POST", "/items",
                body(true, "application/json", "{\"$ref\":\"#/$defs/Item\"}")));
        CompiledOperation followed = compile(api(kept), operation("create", "POST", "/items",
                body(true, "application/json", "{\"$ref\":\"#/$defs/Item\",\"description\":\"kept\"}")));
        List<String> bodies = List.of(
                "{\"name\":\"pen\",\"price\":1.5,\"kind\":{\"ink\":\"blue\"},\"parts\":[{\"name\":\"cap\",\"price\":0}]}",
                "{\"name\":\"pen\",\"price\":1.001,\"kind\":{\"ink\":\"red\"},\"parts\":[{\"name\":\"cap\",\"price\":-1,\"parts\":[{\"price\":1}]}]}",
                "{\"name\":\"book\",\"price\":2,\"kind\":{\"isbn\":\"12\"},\"parts\":[{},{\"id\":1,\"name\":\"x\",\"price\":1}],\"extra\":1}",
                "{\"name\":7,\"price\":\"free\",\"parts\":[1,2,3,4]}");
        for (String json : bodies) {
            BodyChecks.Refusal expected = check(followed, json);
            BodyChecks.Refusal actual = check(inlined, json);
            assertThat(actual == null).as(json).isEqualTo(expected == null);
            if (expected != null) {
                assertThat(actual.violations()).as(json).containsExactlyInAnyOrderElementsOf(expected.violations());
            }
        }
        assertThat(check(inlined, bodies.get(1))).isNotNull();
    }

    private static BodyChecks.Refusal check(CompiledOperation operation, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return BodyChecks.check(operation, "application/json", bytes, BodyStructureLimits.DEFAULT,
                BodyChecks.jsonLimits(BodyStructureLimits.DEFAULT), true);
    }
}
