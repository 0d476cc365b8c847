package dev.bulwark.dataplane.contract;

import static dev.bulwark.dataplane.contract.Contracts.api;
import static dev.bulwark.dataplane.contract.Contracts.body;
import static dev.bulwark.dataplane.contract.Contracts.compile;
import static dev.bulwark.dataplane.contract.Contracts.operation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.BodyStructureLimits;
import dev.bulwark.dataplane.threat.JsonLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The body half of contract validation, straight on bytes. */
class BodyChecksTest {
    private static final BodyStructureLimits LIMITS = BodyStructureLimits.DEFAULT;
    private static final JsonLimits JSON_LIMITS = BodyChecks.jsonLimits(LIMITS);
    private static final CompiledOperation CREATE = compile(api(Contracts.DEFINITIONS), operation("create", "POST", "/items",
            body(true, "application/json", "{\"$ref\":\"#/$defs/Item\"}",
                    "application/x-www-form-urlencoded", "{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{"
                            + "\"name\":{\"type\":\"string\"},\"qty\":{\"type\":\"integer\",\"maximum\":9}}}",
                    "multipart/form-data", "{\"type\":\"object\",\"required\":[\"file\"],\"additionalProperties\":false,\"properties\":{"
                            + "\"file\":{\"type\":\"string\",\"format\":\"binary\"},\"note\":{\"type\":\"string\",\"maxLength\":5},"
                            + "\"meta\":{\"type\":\"object\",\"required\":[\"v\"]}}}",
                    "application/xml", null)));
    private static final CompiledOperation DELETE = compile(api(null), operation("delete", "DELETE", "/items", null));

    private static BodyChecks.Refusal check(CompiledOperation operation, String contentType, String body) {
        return BodyChecks.check(operation, contentType, body.getBytes(StandardCharsets.UTF_8), LIMITS, JSON_LIMITS, true);
    }

    @Test
    void aValidJsonBodyPasses() {
        assertThat(check(CREATE, "application/json; charset=utf-8", "{\"name\":\"pen\",\"price\":1.25,\"kind\":{\"ink\":\"blue\"},"
                + "\"sku\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"parts\":[{\"name\":\"cap\",\"price\":0}]}")).isNull();
    }

    @Test
    void everyViolationIsListedByLocationWithoutItsValue() {
        BodyChecks.Refusal refusal = check(CREATE, "application/json", "{\"id\":5,\"name\":\"<script>alert(1)</script> far too long\","
                + "\"price\":1.001,\"sku\":\"evil\",\"kind\":{\"isbn\":\"x\"},\"parts\":[{\"price\":-1}],\"<img src=x>\":1}");

        assertThat(refusal.status()).isEqualTo(400);
        assertThat(refusal.key()).isEqualTo("REQUEST_INVALID");
        assertThat(refusal.violations()).contains(
                new ContractViolation("body/id", "is read-only and cannot be sent"),
                new ContractViolation("body/name", "must be at most 20 characters long"),
                new ContractViolation("body/price", "must be a multiple of 0.01"),
                new ContractViolation("body/sku", "must be a valid uuid"),
                new ContractViolation("body/kind", "must match exactly one of the allowed schemas"),
                new ContractViolation("body/parts/0/name", "is required"),
                new ContractViolation("body/parts/0/price", "must be at least 0"),
                new ContractViolation("body/%3Cimg%20src%3Dx%3E", "is not allowed"));
        assertThat(refusal.violations().toString()).doesNotContain("<script>").doesNotContain("evil").doesNotContain("<img");
    }

    @Test
    void presenceAndMediaTypeAreChecked() {
        assertThat(check(CREATE, "application/json", "").violations()).containsExactly(new ContractViolation("body", "is required"));
        assertThat(check(DELETE, "application/json", "{}").violations())
                .containsExactly(new ContractViolation("body", "is not accepted by this operation"));
        assertThat(check(DELETE, null, "")).isNull();
        BodyChecks.Refusal unsupported = check(CREATE, "text/plain", "hello");
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.key()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(check(CREATE, null, "{}").status()).isEqualTo(415);
    }

    @Test
    void malformedAndAmbiguousJsonIsRefused() {
        assertThat(check(CREATE, "application/json", "{\"name\":\"a\",}").key()).isEqualTo("BODY_MALFORMED");
        assertThat(check(CREATE, "application/json", "{\"name\":\"a\",\"price\":1}{}").key()).isEqualTo("BODY_MALFORMED");
        // one object, two values for one key: the upstream might read the other one
        BodyChecks.Refusal duplicate = check(CREATE, "application/json", "{\"name\":\"a\",\"price\":1,\"price\":-1}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.key()).isEqualTo("BODY_MALFORMED");
    }

    @Test
    void structureLimitsAreCheckedBeforeParsingAndNamed() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        BodyChecks.Refusal tooDeep = check(null, "application/json", deep);
        assertThat(tooDeep.status()).isEqualTo(413);
        assertThat(tooDeep.key()).isEqualTo("BODY_LIMIT_EXCEEDED");
        assertThat(tooDeep.detail()).contains("maxDepth (32)");
        assertThat(check(null, "application/json", "[" + "1,".repeat(10_000) + "1]").detail()).contains("maxArrayLength");
        assertThat(check(null, "application/json", "\"" + "a".repeat(262_145) + "\"").detail()).contains("maxStringBytes");
        assertThat(check(null, "application/json", "1" + "0".repeat(64)).detail()).contains("maxNumberChars");
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 1_001; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        assertThat(check(null, "application/json", wide.append('}').toString()).detail()).contains("maxObjectEntries");
        // what a normal API sends is far below every default
        assertThat(check(null, "application/json", "{\"a\":[{\"b\":[1,2,3]}],\"c\":\"" + "x".repeat(10_000) + "\"}")).isNull();
    }

    @Test
    void hugeExponentsAndBacktrackingPatternsStayCheap() {
        CompiledOperation operation = compile(api(null), operation("p", "POST", "/p", body(true, "application/json",
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"multipleOf\":3,\"maximum\":10},"
                        + "\"s\":{\"type\":\"string\",\"pattern\":\"^(a+)+$\"},\"h\":{\"type\":\"string\",\"format\":\"hostname\"},"
                        + "\"e\":{\"type\":\"string\",\"format\":\"email\"}}}")));
        long started = System.nanoTime();
        BodyChecks.Refusal refusal = check(operation, "application/json", "{\"s\":\"" + "a".repeat(100_000) + "!\","
                + "\"h\":\"" + "a.".repeat(50_000) + "\",\"e\":\"" + "a".repeat(60_000) + "@" + "a.".repeat(30_000) + "\"}");
        assertThat(refusal.violations()).extracting(ContractViolation::location).containsExactlyInAnyOrder("body/s", "body/h", "body/e");
        assertThat(check(operation, "application/json", "{\"n\":1e999999999}").status()).isEqualTo(400);
        assertThat(check(operation, "application/json", "{\"n\":3e-999999999}").status()).isEqualTo(400);
        // Not a timing assertion: these inputs take hours with a backtracking engine, or overflow its stack.
        assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
    }

    @Test
    void numbersBeyondTheValidatorsRangeAreJudgedNotThrownOn() {
        CompiledOperation operation = compile(api(null), operation("p", "POST", "/p", body(true, "application/json",
                "{\"type\":\"object\",\"properties\":{\"min\":{\"type\":\"integer\",\"minimum\":1},"
                        + "\"max\":{\"type\":\"integer\",\"maximum\":10}}}")));
        // 1e20 is an integer at least 1: valid, though the validator alone throws on it
        assertThat(check(operation, "application/json", "{\"min\":1e20}")).isNull();
        assertThat(check(operation, "application/json", "{\"max\":1e20}").violations())
                .containsExactly(new ContractViolation("body/max", "must be at most 10"));
        assertThat(check(operation, "application/json", "{\"max\":99999999999999999999.5}").violations())
                .containsExactly(new ContractViolation("body", "holds a value beyond what the contract can check"));
        assertThat(check(operation, "application/json", "{\"min\":-1e999999999}").status()).isEqualTo(400);
    }

    @Test
    void formsAreCoercedToTheirSchema() {
        assertThat(check(CREATE, "application/x-www-form-urlencoded", "name=pen+blue&qty=3")).isNull();
        assertThat(check(CREATE, "application/x-www-form-urlencoded", "qty=10&qty=2").violations()).containsExactly(
                new ContractViolation("body/qty", "must be sent once"));
        assertThat(check(CREATE, "application/x-www-form-urlencoded", "qty=10").violations()).containsExactlyInAnyOrder(
                new ContractViolation("body/name", "is required"), new ContractViolation("body/qty", "must be at most 9"));
        assertThat(check(CREATE, "application/x-www-form-urlencoded", "a=1&".repeat(101)).detail()).contains("maxParts");
    }

    @Test
    void multipartPartsAreCountedBoundedAndValidated() {
        String ok = multipart("file\"; filename=\"a.png", "image/png", "\u0089PNG...", "note", null, "hi",
                "meta", "application/json", "{\"v\":1}");
        assertThat(check(CREATE, "multipart/form-data; boundary=XyZ", ok)).isNull();
        String bad = multipart("note", null, "too long", "meta", "application/json", "{}", "extra", null, "x");
        assertThat(check(CREATE, "multipart/form-data; boundary=XyZ", bad).violations()).containsExactlyInAnyOrder(
                new ContractViolation("body/file", "is required"), new ContractViolation("body/note", "must be at most 5 characters long"),
                new ContractViolation("body/meta/v", "is required"), new ContractViolation("body/extra", "is not allowed"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append("--XyZ\r\nContent-Disposition: form-data; name=\"p").append(i).append("\"\r\n\r\nv\r\n");
        }
        assertThat(check(null, "multipart/form-data; boundary=XyZ", many + "--XyZ--\r\n").detail()).contains("maxParts");
        BodyStructureLimits small = new BodyStructureLimits(null, null, null, null, null, null, null, null, 4);
        assertThat(BodyChecks.check(null, "multipart/form-data; boundary=XyZ", ok.getBytes(StandardCharsets.UTF_8), small,
                BodyChecks.jsonLimits(small), true).detail()).contains("maxPartBytes (4)");
        assertThat(check(null, "multipart/form-data; boundary=XyZ", "--XyZ\r\nno colon here\r\n\r\nv\r\n--XyZ--").key())
                .isEqualTo("BODY_MALFORMED");
        assertThat(check(null, "multipart/form-data", ok).key()).as("no boundary").isEqualTo("BODY_MALFORMED");
    }

    @Test
    void xmlIsParsedWithoutEverExpandingAnEntity() {
        assertThat(check(CREATE, "application/xml", "<?xml version=\"1.0\"?><item><name>pen</name></item>")).isNull();
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><lolz>&lol3;</lolz>";
        BodyChecks.Refusal laughs = check(CREATE, "application/xml", billionLaughs);
        assertThat(laughs.status()).isEqualTo(400);
        assertThat(laughs.key()).isEqualTo("XML_DTD_FORBIDDEN");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>";
        assertThat(check(CREATE, "text/xml", xxe)).isNotNull().extracting(BodyChecks.Refusal::key).isIn("XML_DTD_FORBIDDEN",
                "UNSUPPORTED_MEDIA_TYPE");
        assertThat(check(null, "text/xml", xxe).key()).isEqualTo("XML_DTD_FORBIDDEN");
        assertThat(check(null, "application/xml", "<!DOCTYPE a SYSTEM \"http://169.254.169.254/latest\"><a/>").key())
                .isEqualTo("XML_DTD_FORBIDDEN");
        assertThat(check(null, "application/xml", "<a>&undeclared;</a>").status()).isEqualTo(400);
        assertThat(check(null, "application/xml", "<a><b>").key()).isEqualTo("BODY_MALFORMED");
        assertThat(check(null, "application/xml", "<a>".repeat(33) + "</a>".repeat(33)).detail()).contains("maxDepth");
    }

    private static String multipart(String... nameTypeValue) {
        StringBuilder body = new StringBuilder("preamble\r\n");
        for (int i = 0; i < nameTypeValue.length; i += 3) {
            body.append("--XyZ\r\nContent-Disposition: form-data; name=\"").append(nameTypeValue[i]).append("\"\r\n");
            if (nameTypeValue[i + 1] != null) {
                body.append("Content-Type: ").append(nameTypeValue[i + 1]).append("\r\n");
            }
            body.append("\r\n").append(nameTypeValue[i + 2]).append("\r\n");
        }
        return body.append("--XyZ--\r\nepilogue").toString();
    }
}
