package dev.bulwark.controlplane.api;

import static dev.bulwark.controlplane.api.CatalogTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.kernel.ProblemException;
import org.junit.jupiter.api.Test;

class OpenApiImporterTest {
    private final OpenApiImporter importer = new OpenApiImporter();

    @Test
    void importsOpenApi30JsonWithOperationKeysAndScopes() {
        OpenApiImporter.Imported imported = importer.parse(document("petstore-3.0.json"));

        assertThat(imported.operations()).extracting(OpenApiImporter.ImportedOperation::key)
                .containsExactly("listPets", "createPet", "GET /pets/{petId}", "deletePet");
        assertThat(imported.operations()).filteredOn(o -> o.key().equals("listPets")).singleElement()
                .satisfies(o -> {
                    assertThat(o.method()).isEqualTo("GET");
                    assertThat(o.pathTemplate()).isEqualTo("/pets");
                    assertThat(o.requiredScopes()).containsExactly("pets:read");
                });
        // Two alternatives: only the scope both demand is guaranteed.
        assertThat(imported.operations().get(1).requiredScopes()).containsExactly("pets:write");
        // An explicit empty security list overrides the global requirement.
        assertThat(imported.operations().get(3).requiredScopes()).isEmpty();
    }

    @Test
    void importsOpenApi31Yaml() {
        OpenApiImporter.Imported imported = importer.parse(document("orders-3.1.yaml"));

        assertThat(imported.document().openApi().getOpenapi()).startsWith("3.1");
        assertThat(imported.operations()).extracting(OpenApiImporter.ImportedOperation::key)
                .containsExactly("listOrders", "createOrder", "getOrder");
        assertThat(imported.operations().get(2).pathTemplate()).isEqualTo("/orders/{orderId}");
    }

    @Test
    void reportsTheParsersMessagesWithTheirLocations() {
        assertThatThrownBy(() -> importer.parse(document("invalid-3.0.yaml")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.key()).isEqualTo("OPENAPI_INVALID");
                    assertThat(e.errors()).isNotEmpty().allSatisfy(v -> assertThat(v.path()).startsWith("openapi"));
                    assertThat(e.errors()).extracting(Violation::message)
                            .anySatisfy(m -> assertThat(m).contains("info.version"))
                            .anySatisfy(m -> assertThat(m).contains("responses"));
                });
    }

    @Test
    void reportsMalformedYamlWithLineAndColumn() {
        assertThatThrownBy(() -> importer.parse("openapi: 3.0.3\ninfo: [unclosed\n"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.key()).isEqualTo("OPENAPI_INVALID");
                    assertThat(e.errors()).singleElement().satisfies(v -> assertThat(v.message()).contains("line"));
                });
    }

    @Test
    void refusesExternalReferencesBeforeTheParserCanFollowThem() {
        assertThatThrownBy(() -> importer.parse(document("external-ref.yaml")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.key()).isEqualTo("OPENAPI_EXTERNAL_REF");
                    assertThat(e.errors()).extracting(Violation::path).containsExactlyInAnyOrder(
                            "openapi#/paths/~1secrets/get/responses/200/content/application~1json/schema/$ref",
                            "openapi#/paths/~1files/get/responses/200/$ref");
                    assertThat(e.errors()).extracting(Violation::message)
                            .anySatisfy(m -> assertThat(m).contains("169.254.169.254"));
                });
    }

    @Test
    void refusesSwagger2AndEmptyDocuments() {
        assertThatThrownBy(() -> importer.parse("{\"swagger\": \"2.0\", \"info\": {}, \"paths\": {}}"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.key()).isEqualTo("OPENAPI_INVALID"));
        // A valid Swagger 2.0 document too: the gateway works from the stored OpenAPI 3 text.
        assertThatThrownBy(() -> importer.parse("{\"swagger\": \"2.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, "
                + "\"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"description\": \"ok\"}}}}}}"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::path)
                        .containsExactly("openapi.swagger"));
        assertThatThrownBy(() -> importer.parse(" "))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::path).containsExactly("openapi"));
    }

    @Test
    void refusesDuplicateOperationIds() {
        String doc = """
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /a:
                    get: {operationId: same, responses: {"200": {description: ok}}}
                  /b:
                    get: {operationId: same, responses: {"200": {description: ok}}}
                """;
        assertThatThrownBy(() -> importer.parse(doc))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::message)
                        .singleElement().satisfies(m -> assertThat(m).contains("operationId is repeated")));
    }

    @Test
    void parserMessagesNameLineAndColumnWithoutTheParsersInternals() {
        assertThatThrownBy(() -> importer.parse("{\"openapi\": \"3.0.3\", \"info\": {\"title\": "))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::message)
                        .allSatisfy(m -> assertThat(m).doesNotContain("Source:").doesNotContain("StringReader")
                                .doesNotContain("com.fasterxml")));
        assertThat(OpenApiImporter.readable("Unexpected end-of-input: expected close marker for Object\n at [Source: (StringReader); line: 1, column: 30]"))
                .isEqualTo("Unexpected end-of-input: expected close marker for Object (line 1, column 30)");
    }

    @Test
    void theLimitIsTenMegabytesOfUtf8() {
        assertThat(OpenApiImporter.utf8Length("a\u00e9\u20ac\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
        String over = LargeDocuments.yaml(dev.bulwark.controlplane.kernel.BodyLimits.DOCUMENT_BYTES + 1);
        assertThatThrownBy(() -> importer.parse(over))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.key()).isEqualTo("OPENAPI_TOO_LARGE");
                    assertThat(e.errors()).singleElement().satisfies(v -> assertThat(v.message()).contains("10 MB"));
                });
    }
}
