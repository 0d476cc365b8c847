package dev.bulwark.dataplane.contract;

import static dev.bulwark.dataplane.contract.Contracts.api;
import static dev.bulwark.dataplane.contract.Contracts.compile;
import static dev.bulwark.dataplane.contract.Contracts.operation;
import static dev.bulwark.dataplane.contract.Contracts.parameter;
import static dev.bulwark.dataplane.contract.Contracts.path;
import static dev.bulwark.dataplane.contract.Contracts.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameters decoded by OpenAPI style and checked against their schemas, each failure named by location. */
class ParameterValidationTest {
    private static final MultiMap NO_HEADERS = MultiMap.caseInsensitiveMultiMap();

    private static List<ContractViolation> check(CompiledOperation operation, String path, String query) {
        return operation.checkParameters(path, query, NO_HEADERS, false);
    }

    @Test
    void pathAndQueryValuesAreTypedByTheirSchema() {
        CompiledOperation operation = compile(api(null), operation("get", "GET", "/items/{id}", null,
                path("id", "{\"type\":\"integer\",\"minimum\":1}"),
                query("limit", false, "{\"type\":\"integer\",\"maximum\":100}"),
                query("verbose", false, "{\"type\":\"boolean\"}"),
                query("q", false, "{\"type\":\"string\",\"maxLength\":5}")));

        assertThat(check(operation, "/items/7", "limit=100&verbose=true&q=12345")).isEmpty();
        assertThat(check(operation, "/items/0", "limit=101&verbose=yes&q=123456")).containsExactly(
                new ContractViolation("path.id", "must be at least 1"),
                new ContractViolation("query.limit", "must be at most 100"),
                new ContractViolation("query.verbose", "must be a boolean"),
                new ContractViolation("query.q", "must be at most 5 characters long"));
        assertThat(check(operation, "/items/abc", null)).containsExactly(new ContractViolation("path.id", "must be an integer"));
        // the number 5 is text to a string schema: no coercion where the schema asks for text
        assertThat(check(operation, "/items/1", "q=5")).isEmpty();
    }

    @Test
    void requiredUnknownRepeatedAndBadlyEncodedQueryParametersAreRefused() {
        CompiledOperation operation = compile(api(null), operation("list", "GET", "/items", null,
                query("limit", true, "{\"type\":\"integer\"}")));

        assertThat(check(operation, "/items", null)).containsExactly(new ContractViolation("query.limit", "is required"));
        assertThat(check(operation, "/items", "limit=1&debug=1&%3Cscript%3E=x")).containsExactly(
                new ContractViolation("query.debug", "is not a parameter of this operation"),
                new ContractViolation("query.%3Cscript%3E", "is not a parameter of this operation"));
        assertThat(check(operation, "/items", "limit=1&limit=2")).containsExactly(new ContractViolation("query.limit", "must be sent once"));
        assertThat(check(operation, "/items", "limit=%E0%A4")).containsExactly(
                new ContractViolation("query.limit", "is not validly percent-encoded UTF-8"));
        assertThat(operation.checkParameters("/items", "limit=1&debug=1", NO_HEADERS, true)).as("allowUnknownQueryParameters").isEmpty();
        // a second parameter behind a semicolon is a parameter, as upstreams that split on ';' read it
        assertThat(check(operation, "/items", "limit=1;admin=true")).containsExactly(
                new ContractViolation("query.admin", "is not a parameter of this operation"));
        // a credential authentication stripped never reaches the upstream: not "unknown"
        assertThat(operation.checkParameters("/items", "limit=1&api_key=k", "limit=1", NO_HEADERS, false)).isEmpty();
    }

    @Test
    void arraysAndObjectsFollowTheirStyle() {
        String tags = "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"red\",\"green\"]}}";
        String ids = "{\"type\":\"array\",\"maxItems\":3,\"items\":{\"type\":\"integer\"}}";
        String filter = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"status\":{\"type\":\"string\"},"
                + "\"min\":{\"type\":\"integer\"}}}";
        CompiledOperation operation = compile(api(null), operation("list", "GET", "/items/{ids}", null,
                new dev.bulwark.contracts.snapshot.OperationContract.Parameter("path", "ids", true, "label", true, ids, null),
                parameter("query", "tags", false, "form", false, tags),
                parameter("query", "pipes", false, "pipeDelimited", false, tags),
                parameter("query", "many", false, "form", true, tags),
                parameter("query", "filter", false, "deepObject", true, filter)));

        assertThat(check(operation, "/items/.1.2.3", "tags=red,green&pipes=red%7Cgreen&many=red&many=green"
                + "&filter%5Bstatus%5D=open&filter[min]=2")).isEmpty();
        assertThat(check(operation, "/items/.1.x.3.4", "tags=red,blue&filter[min]=two&filter[other]=1")).containsExactlyInAnyOrder(
                new ContractViolation("path.ids/1", "must be an integer"),
                new ContractViolation("path.ids", "must have at most 3 items"),
                new ContractViolation("query.tags/1", "must be one of the allowed values"),
                new ContractViolation("query.filter/min", "must be an integer"),
                new ContractViolation("query.filter/other", "is not allowed"));
        assertThat(check(operation, "/items/1", null)).containsExactly(new ContractViolation("path.ids", "must start with '.' (label style)"));
        // an encoded comma stays inside its value
        assertThat(check(operation, "/items/.1", "tags=red%2Cgreen")).containsExactly(
                new ContractViolation("query.tags/0", "must be one of the allowed values"));
    }

    @Test
    void headersAndCookiesAreCheckedByName() {
        CompiledOperation operation = compile(api(null), operation("get", "GET", "/items", null,
                parameter("header", "X-Trace", true, "simple", false, "{\"type\":\"string\",\"format\":\"uuid\"}"),
                parameter("cookie", "session", false, "form", true, "{\"type\":\"string\",\"pattern\":\"^[a-f0-9]{8}$\"}")));

        MultiMap good = MultiMap.caseInsensitiveMultiMap().add("x-trace", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
                .add("Cookie", "theme=dark; session=0123abcd");
        assertThat(operation.checkParameters("/items", null, good, false)).isEmpty();
        MultiMap bad = MultiMap.caseInsensitiveMultiMap().add("X-TRACE", "not-a-uuid").add("cookie", "session=ZZZ");
        assertThat(operation.checkParameters("/items", null, bad, false)).containsExactly(
                new ContractViolation("header.x-trace", "must be a valid uuid"),
                new ContractViolation("cookie.session", "does not match the required pattern"));
        assertThat(operation.checkParameters("/items", null, NO_HEADERS, false)).containsExactly(
                new ContractViolation("header.x-trace", "is required"));
    }

    @Test
    void aJsonContentParameterIsParsedAsJson() {
        CompiledOperation operation = compile(api(null), operation("search", "GET", "/search", null,
                new dev.bulwark.contracts.snapshot.OperationContract.Parameter("query", "q", true, "form", true,
                        "{\"type\":\"object\",\"required\":[\"term\"]}", "application/json")));

        assertThat(check(operation, "/search", "q=%7B%22term%22%3A%22x%22%7D")).isEmpty();
        assertThat(check(operation, "/search", "q=%7B%7D")).containsExactly(new ContractViolation("query.q/term", "is required"));
        assertThat(check(operation, "/search", "q=nope")).containsExactly(new ContractViolation("query.q", "must be a JSON document"));
    }

    @Test
    void typeHintsNameWhatTheContractPinsDown() {
        CompiledOperation operation = compile(api(Contracts.DEFINITIONS), operation("create", "POST", "/items/{id}",
                Contracts.body(true, "application/json", "{\"$ref\":\"#/$defs/Item\"}"),
                path("id", "{\"type\":\"integer\"}"),
                query("sku", false, "{\"type\":\"string\",\"format\":\"uuid\"}"),
                query("mode", false, "{\"type\":\"string\",\"enum\":[\"fast\",\"safe\"]}"),
                query("note", false, "{\"type\":\"string\"}"),
                query("any", false, "{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}]}")));

        assertThat(operation.typeHint("path.id")).isEqualTo(ValueType.INTEGER);
        assertThat(operation.typeHint("query.sku")).isEqualTo(ValueType.UUID);
        assertThat(operation.typeHint("query.mode")).isEqualTo(ValueType.ENUM);
        assertThat(operation.typeHint("query.note")).isNull();
        assertThat(operation.typeHint("query.any")).isNull();
        assertThat(operation.typeHint("body/price")).isEqualTo(ValueType.NUMBER);
        assertThat(operation.typeHint("body/sku")).isEqualTo(ValueType.UUID);
        assertThat(operation.typeHint("body/parts/2/id")).isEqualTo(ValueType.INTEGER);
        assertThat(operation.typeHint("body/name")).isNull();
        assertThat(operation.typeHint("body/kind/ink")).as("inside oneOf nothing is promised").isNull();
        assertThat(operation.typeHint("body/unknown")).isNull();
        assertThat(operation.typeHint("body/parts/x/id")).as("an array is indexed by any segment").isEqualTo(ValueType.INTEGER);
        assertThat(operation.typeHint("bodyx/price")).isNull();
        assertThat(operation.declaresKey("body/price", "price")).isTrue();
        assertThat(operation.declaresKey("body/parts/0/id", "id")).isTrue();
        assertThat(operation.declaresKey("body/Price", "Price")).as("property names are case-sensitive").isFalse();
        assertThat(operation.declaresKey("body/unknown", "unknown")).isFalse();
        assertThat(operation.declaresKey("query.price", "price")).as("only keys of the body").isFalse();

        CompiledOperation escaped = compile(api(Contracts.DEFINITIONS), operation("odd", "POST", "/odd",
                Contracts.body(true, "application/json",
                        "{\"type\":\"object\",\"properties\":{\"a/b\":{\"type\":\"integer\"},\"c~d\":{\"type\":\"boolean\"}}}")));
        assertThat(escaped.typeHint("body/a~1b")).as("JSON pointer escapes are read").isEqualTo(ValueType.INTEGER);
        assertThat(escaped.typeHint("body/c~0d")).isEqualTo(ValueType.BOOLEAN);
        assertThat(escaped.typeHint("body/a~0b")).isNull();
        assertThat(escaped.declaresKey("body/a~1b", "a/b")).isTrue();

        // hints are looked up without the media type the request matched: only one JSON schema may speak
        String mode = "{\"type\":\"object\",\"properties\":{\"mode\":{\"enum\":[\"a\",\"b\"]}}}";
        String free = "{\"type\":\"object\",\"properties\":{\"mode\":{\"type\":\"string\"}}}";
        assertThat(compile(api(null), operation("one", "POST", "/one", Contracts.body(true, "application/json", mode,
                "application/merge-patch+json", mode))).typeHint("body/mode")).isEqualTo(ValueType.ENUM);
        assertThat(compile(api(null), operation("two", "POST", "/two", Contracts.body(true, "application/json", mode,
                "application/merge-patch+json", free))).typeHint("body/mode")).isNull();
        assertThat(compile(api(null), operation("any", "POST", "/any", Contracts.body(true, "application/json", mode,
                "*/*", null))).typeHint("body/mode")).isNull();
        assertThat(compile(api(null), operation("text", "POST", "/text", Contracts.body(true, "application/json", mode,
                "text/plain", null))).typeHint("body/mode")).isEqualTo(ValueType.ENUM);

        // an anchored pattern that admits only token characters makes a token; anything wider promises nothing
        String patterns = "{\"type\":\"object\",\"properties\":{\"sku\":{\"type\":\"string\",\"pattern\":\"^[A-Z0-9-]{4,20}$\"},"
                + "\"phone\":{\"type\":\"string\",\"pattern\":\"^\\\\+[0-9]{6,15}$\"},"
                + "\"version\":{\"type\":\"string\",\"pattern\":\"^[0-9]+\\\\.[0-9]+$\"},"
                + "\"words\":{\"type\":\"string\",\"pattern\":\"^[a-z ]+$\"},"
                + "\"unanchored\":{\"type\":\"string\",\"pattern\":\"[A-Z]+\"},"
                + "\"either\":{\"type\":[\"string\",\"integer\"],\"pattern\":\"^[A-Z]+$\"},"
                + "\"both\":{\"allOf\":[{\"type\":\"string\"},{\"pattern\":\"^[a-z]+$\"}]}}}";
        CompiledOperation tokens = compile(api(null), operation("tokens", "POST", "/tokens", Contracts.body(true, "application/json", patterns)));
        assertThat(tokens.typeHint("body/sku")).isEqualTo(ValueType.TOKEN);
        assertThat(tokens.typeHint("body/phone")).isEqualTo(ValueType.TOKEN);
        assertThat(tokens.typeHint("body/both")).isEqualTo(ValueType.TOKEN);
        assertThat(tokens.typeHint("body/version")).as("a dot is not a token character").isNull();
        assertThat(tokens.typeHint("body/words")).isNull();
        assertThat(tokens.typeHint("body/unanchored")).isNull();
        assertThat(tokens.typeHint("body/either")).isNull();

        OperationCompiler reporting = new OperationCompiler(new SchemaEngine());
        var api = api(Contracts.DEFINITIONS);
        CompiledOperation untrusted = reporting.compile(api, OperationCompiler.Definitions.of(api), api.operations().isEmpty()
                ? operation("create", "POST", "/items/{id}", null, path("id", "{\"type\":\"integer\"}"))
                : api.operations().get(0), false, false);
        assertThat(untrusted.typeHint("path.id")).as("report mode lets values through: no promise").isNull();
    }

    @Test
    void aLookupThatRemembersAnswersAsTheStatelessOneInAnyOrder() {
        CompiledOperation operation = compile(api(Contracts.DEFINITIONS), operation("create", "POST", "/items/{id}",
                Contracts.body(true, "application/json", "{\"$ref\":\"#/$defs/Item\"}")));
        List<String> pointers = List.of("body", "body/price", "body/sku", "body/name", "body/parts", "body/parts/0", "body/parts/0/id",
                "body/parts/0/price", "body/parts/1/id", "body/parts/1/parts/0/price", "body/parts/x/id", "body/kind/ink", "body/unknown/id",
                "body/a~1b", "body/parts/0/parts", "query.mode", "path.id", "bodyx/price", "body/price/x");
        java.util.Random random = new java.util.Random(20261208);
        CompiledOperation.HintLookup lookup = operation.hintLookup();
        for (int n = 0; n < 5_000; n++) {
            String pointer = pointers.get(random.nextInt(pointers.size()));
            assertThat(lookup.typeHint(new StringBuilder(pointer))).as(pointer).isEqualTo(operation.typeHint(pointer));
        }
    }
}
