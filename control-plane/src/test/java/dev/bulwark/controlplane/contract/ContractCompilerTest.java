package dev.bulwark.controlplane.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.snapshot.OperationContract;
import org.junit.jupiter.api.Test;

class ContractCompilerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String doc(String version, String paths, String components) {
        return "{\"openapi\":\"" + version + "\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{" + paths + "}"
                + (components == null ? "" : ",\"components\":{" + components + "}") + "}";
    }

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static JsonNode bodySchema(CompiledContracts contracts, String route) throws Exception {
        String[] parts = route.split(" ", 2);
        return tree(contracts.of(parts[0], parts[1]).requestBody().content().get(0).schema());
    }

    private static String post(String schema) {
        return "\"/a\":{\"post\":{\"requestBody\":{\"content\":{\"application/json\":{\"schema\":" + schema + "}}},"
                + "\"responses\":{\"200\":{\"description\":\"ok\"}}}}";
    }

    @Test
    void nullableOf30BecomesANullType() throws Exception {
        CompiledContracts contracts = ContractCompiler.compile(doc("3.0.3", post("{\"type\":\"object\",\"properties\":{"
                + "\"name\":{\"type\":\"string\",\"nullable\":true},"
                + "\"kind\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"],\"nullable\":true},"
                + "\"owner\":{\"nullable\":true,\"allOf\":[{\"$ref\":\"#/components/schemas/Owner\"}]},"
                + "\"plain\":{\"type\":\"string\",\"nullable\":false}}}"), "\"schemas\":{\"Owner\":{\"type\":\"object\"}}"));
        JsonNode properties = bodySchema(contracts, "POST /a").get("properties");
        assertThat(properties.get("name")).isEqualTo(tree("{\"type\":[\"string\",\"null\"]}"));
        assertThat(properties.get("kind")).isEqualTo(tree("{\"type\":[\"string\",\"null\"],\"enum\":[\"a\",\"b\",null]}"));
        assertThat(properties.get("owner")).isEqualTo(tree("{\"anyOf\":[{\"type\":\"null\"},{\"allOf\":[{\"$ref\":\"#/$defs/Owner\"}]}]}"));
        assertThat(properties.get("plain")).isEqualTo(tree("{\"type\":\"string\"}"));
    }

    @Test
    void booleanExclusiveBoundsBecomeNumbersAndDecimalsStayExact() throws Exception {
        CompiledContracts contracts = ContractCompiler.compile(doc("3.0.1", post("{\"type\":\"object\",\"properties\":{"
                + "\"price\":{\"type\":\"number\",\"minimum\":0,\"exclusiveMinimum\":true,\"maximum\":100.50,\"exclusiveMaximum\":false,"
                + "\"multipleOf\":0.01,\"example\":12.5,\"description\":\"the price\"},"
                + "\"count\":{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1},"
                + "\"big\":{\"type\":\"integer\",\"format\":\"int64\",\"maximum\":1e30}}}"), null));
        JsonNode properties = bodySchema(contracts, "POST /a").get("properties");
        assertThat(properties.get("price")).isEqualTo(tree("{\"type\":\"number\",\"exclusiveMinimum\":0,\"maximum\":100.50,"
                + "\"multipleOf\":0.01}"));
        assertThat(contracts.of("POST", "/a").requestBody().content().get(0).schema()).contains("\"multipleOf\":0.01")
                .contains("\"maximum\":100.5,").doesNotContain("example").doesNotContain("description");
        assertThat(properties.get("count").get("minimum").asLong()).isEqualTo(1);
        assertThat(properties.get("count").get("maximum").asLong()).isEqualTo(Integer.MAX_VALUE);
        assertThat(properties.get("big").get("maximum").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(properties.get("big").get("minimum").asLong()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void componentsAreHoistedOnceRecursionKeptAndUnusedOnesLeftOut() throws Exception {
        String paths = post("{\"$ref\":\"#/components/schemas/Node\"}") + ",\"/b\":{\"put\":{\"requestBody\":{\"content\":{"
                + "\"application/json\":{\"schema\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Node\"}}}}},"
                + "\"responses\":{\"200\":{\"description\":\"ok\"}}}}";
        String components = "\"schemas\":{\"Node\":{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{\"id\":"
                + "{\"$ref\":\"#/components/schemas/Id\"},\"children\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Node\"}}}},"
                + "\"Id\":{\"type\":\"string\",\"format\":\"uuid\"},\"Unused\":{\"type\":\"string\"}}";
        CompiledContracts contracts = ContractCompiler.compile(doc("3.0.3", paths, components));
        assertThat(bodySchema(contracts, "POST /a")).isEqualTo(tree("{\"$ref\":\"#/$defs/Node\"}"));
        assertThat(bodySchema(contracts, "PUT /b")).isEqualTo(tree("{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Node\"}}"));
        JsonNode defs = tree(contracts.schemas());
        assertThat(defs.fieldNames()).toIterable().containsExactly("Id", "Node");
        assertThat(defs.at("/Node/properties/children/items/$ref").asText()).isEqualTo("#/$defs/Node");
        assertThat(defs.at("/Node/properties/id/$ref").asText()).isEqualTo("#/$defs/Id");
    }

    @Test
    void refSiblingsAreIgnoredIn30AndKeptIn31WhereIdAndSchemaAreDropped() throws Exception {
        String schema = "{\"$ref\":\"#/components/schemas/S\",\"maxLength\":3}";
        String components = "\"schemas\":{\"S\":{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                + "\"$id\":\"https://evil.example/s\",\"type\":[\"string\",\"null\"]}}";
        assertThat(bodySchema(ContractCompiler.compile(doc("3.0.3", post(schema), components)), "POST /a"))
                .isEqualTo(tree("{\"$ref\":\"#/$defs/S\"}"));
        CompiledContracts v31 = ContractCompiler.compile(doc("3.1.0", post(schema), components));
        assertThat(bodySchema(v31, "POST /a")).isEqualTo(tree("{\"$ref\":\"#/$defs/S\",\"maxLength\":3}"));
        assertThat(tree(v31.schemas())).isEqualTo(tree("{\"S\":{\"type\":[\"string\",\"null\"]}}"));
    }

    @Test
    void referencesOutsideComponentsGetAPointerName() throws Exception {
        String paths = post("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}}}")
                + ",\"/c\":{\"post\":{\"requestBody\":{\"content\":{\"application/json\":{\"schema\":"
                + "{\"$ref\":\"#/paths/~1a/post/requestBody/content/application~1json/schema/properties/x\"}}}},"
                + "\"responses\":{\"200\":{\"description\":\"ok\"}}}}";
        CompiledContracts contracts = ContractCompiler.compile(doc("3.1.0", paths, null));
        String ref = bodySchema(contracts, "POST /c").get("$ref").asText();
        assertThat(ref).startsWith("#/$defs/paths.");
        assertThat(tree(contracts.schemas()).get(ref.substring("#/$defs/".length()))).isEqualTo(tree("{\"type\":\"integer\"}"));
    }

    @Test
    void parametersGetOpenApiDefaultsAndOperationLevelOnesWin() throws Exception {
        String paths = "\"/orders/{id}\":{\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"schema\":{\"type\":\"string\"}},"
                + "{\"$ref\":\"#/components/parameters/Limit\"}],"
                + "\"get\":{\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"integer\"}},"
                + "{\"name\":\"tags\",\"in\":\"query\",\"style\":\"pipeDelimited\",\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
                + "{\"name\":\"X-Trace\",\"in\":\"header\",\"required\":true,\"schema\":{\"type\":\"string\"}},"
                + "{\"name\":\"Authorization\",\"in\":\"header\",\"schema\":{\"type\":\"string\"}},"
                + "{\"name\":\"session\",\"in\":\"cookie\",\"schema\":{\"type\":\"string\"}},"
                + "{\"name\":\"filter\",\"in\":\"query\",\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\"}}}}],"
                + "\"responses\":{\"200\":{\"$ref\":\"#/components/responses/Ok\"},\"4xx\":{\"description\":\"bad\"}}}}";
        String components = "\"parameters\":{\"Limit\":{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"maximum\":50}}},"
                + "\"responses\":{\"Ok\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\"}}}}}";
        OperationContract contract = ContractCompiler.compile(doc("3.0.3", paths, components)).of("GET", "/orders/{id}");
        assertThat(contract.parameters()).extracting(p -> p.in() + " " + p.name() + " " + p.required() + " " + p.style() + " "
                + p.explode() + " " + p.schema() + " " + p.mediaType()).containsExactly(
                "query limit false form true {\"type\":\"integer\",\"maximum\":50} null",
                "path id true simple false {\"type\":\"integer\"} null",
                "query tags false pipeDelimited false {\"type\":\"array\",\"items\":{\"type\":\"string\"}} null",
                "header X-Trace true simple false {\"type\":\"string\"} null",
                "cookie session false form true {\"type\":\"string\"} null",
                "query filter false form true {\"type\":\"object\"} application/json");
        assertThat(contract.requestBody()).isNull();
        assertThat(contract.responses()).extracting(OperationContract.Response::status).containsExactly("200", "4XX");
        assertThat(contract.responses().get(0).content()).singleElement()
                .isEqualTo(new OperationContract.Media("application/json", "{\"type\":\"object\"}"));
    }

    @Test
    void parametersThatAreApiKeyCredentialsAreLeftToAuthentication() throws Exception {
        String paths = "\"/a\":{\"get\":{\"parameters\":[{\"name\":\"X-Api-Key\",\"in\":\"header\",\"required\":true,"
                + "\"schema\":{\"type\":\"string\"}},{\"name\":\"key\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}},"
                + "{\"name\":\"q\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],\"responses\":{}}}";
        String components = "\"securitySchemes\":{\"header\":{\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"x-api-key\"},"
                + "\"query\":{\"type\":\"apiKey\",\"in\":\"query\",\"name\":\"key\"}}";
        assertThat(ContractCompiler.compile(doc("3.0.3", paths, components)).of("GET", "/a").parameters())
                .extracting(OperationContract.Parameter::name).containsExactly("q");
    }

    @Test
    void requestBodiesByReferenceKeepRequiredAndEveryMediaType() throws Exception {
        String paths = "\"/p\":{\"post\":{\"requestBody\":{\"$ref\":\"#/components/requestBodies/Pet\"},\"responses\":{}}}";
        String components = "\"requestBodies\":{\"Pet\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
                + "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\",\"readOnly\":true}}}},\"application/xml\":{}}}}";
        OperationContract contract = ContractCompiler.compile("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n"
                + "    post:\n      requestBody: {$ref: '#/components/requestBodies/Pet'}\n      responses: {}\ncomponents:\n"
                + "  requestBodies:\n    Pet:\n      required: true\n      content:\n        application/json:\n          schema:\n"
                + "            type: object\n            properties: {id: {type: integer, readOnly: true}}\n        application/xml: {}\n")
                .of("POST", "/p");
        assertThat(contract.requestBody().required()).isTrue();
        assertThat(contract.requestBody().content()).containsExactly(
                new OperationContract.Media("application/json", "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\",\"readOnly\":true}}}"),
                new OperationContract.Media("application/xml", null));
        assertThat(ContractCompiler.compile(doc("3.0.3", paths, components)).of("POST", "/p")).isEqualTo(contract);
    }

    @Test
    void patternsTheLinearMatcherCannotRunAreRefusedByName() throws Exception {
        assertThatThrownBy(() -> ContractCompiler.compile(doc("3.0.3", post("{\"type\":\"object\",\"properties\":{\"password\":"
                + "{\"type\":\"string\",\"pattern\":\"^(?=.*[A-Z]).{8,}$\"}}}"), null)))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("(?=.*[A-Z])")
                .extracting(e -> ((ContractException) e).pointer())
                .isEqualTo("/paths/~1a/post/requestBody/content/application~1json/schema/properties/password/pattern");
        assertThat(ContractCompiler.compile(doc("3.0.3", post("{\"type\":\"string\",\"pattern\":\"^\\\\u00e9[a-z]{2,}\\\\/x$\"}"), null)))
                .isNotNull();
    }

    @Test
    void danglingAndExternalReferencesAreRefused() {
        assertThatThrownBy(() -> ContractCompiler.compile(doc("3.0.3", post("{\"$ref\":\"#/components/schemas/Missing\"}"), null)))
                .hasMessageContaining("points to nothing");
        assertThatThrownBy(() -> ContractCompiler.compile(doc("3.0.3", post("{\"$ref\":\"https://evil.example/s.json\"}"), null)))
                .hasMessageContaining("refers outside the document");
        assertThatThrownBy(() -> ContractCompiler.compile(doc("3.1.0", post("{\"$ref\":\"#anchor\"}"), null)))
                .hasMessageContaining("anchors are not supported");
    }
}
