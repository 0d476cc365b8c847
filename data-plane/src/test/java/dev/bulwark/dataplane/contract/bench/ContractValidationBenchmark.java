package dev.bulwark.dataplane.contract.bench;

import dev.bulwark.contracts.policy.BodyStructureLimits;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.contract.BodyChecks;
import dev.bulwark.dataplane.contract.CompiledOperation;
import dev.bulwark.dataplane.contract.OperationCompiler;
import dev.bulwark.dataplane.contract.SchemaEngine;
import dev.bulwark.dataplane.threat.JsonLimits;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request cost of contract validation, as the policy pays it: a typical 1 KB JSON order
 * (structure scan, parse, schema with references, formats, a pattern and additionalProperties)
 * and a typical set of path, query and header parameters. {@code parseOnly} is the floor: the same
 * body through the parser alone. Run with {@code data-plane/bench/run-jmh.sh ContractValidation};
 * never part of {@code verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContractValidationBenchmark {
    static final String DEFINITIONS = """
            {"Order":{"type":"object","additionalProperties":false,"required":["id","customer","items","currency"],"properties":{
              "id":{"type":"string","format":"uuid"},
              "createdAt":{"type":"string","format":"date-time"},
              "currency":{"type":"string","enum":["EUR","USD","GBP"]},
              "note":{"type":["string","null"],"maxLength":200},
              "customer":{"$ref":"#/$defs/Customer"},
              "items":{"type":"array","minItems":1,"maxItems":50,"items":{"$ref":"#/$defs/Line"}}}},
             "Customer":{"type":"object","required":["email","name"],"properties":{
              "email":{"type":"string","format":"email","maxLength":254},
              "name":{"type":"string","minLength":1,"maxLength":100},
              "phone":{"type":"string","pattern":"^\\\\+[0-9]{6,15}$"},
              "address":{"$ref":"#/$defs/Address"}}},
             "Address":{"type":"object","required":["line1","city","country"],"properties":{
              "line1":{"type":"string","maxLength":100},"city":{"type":"string","maxLength":60},
              "postcode":{"type":"string","maxLength":12},"country":{"type":"string","pattern":"^[A-Z]{2}$"}}},
             "Line":{"type":"object","additionalProperties":false,"required":["sku","quantity","price"],"properties":{
              "sku":{"type":"string","pattern":"^[A-Z0-9-]{4,20}$"},
              "quantity":{"type":"integer","minimum":1,"maximum":1000},
              "price":{"type":"number","minimum":0,"multipleOf":0.01},
              "gift":{"type":"boolean"}}}}""";

    static final String BODY = """
            {"id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","createdAt":"2026-12-06T10:15:30Z","currency":"EUR",
             "note":"Please deliver to the back door, the front one is being painted this week.",
             "customer":{"email":"ada.lovelace@example.com","name":"Ada Lovelace","phone":"+441234567890",
              "address":{"line1":"12 Analytical Engine Road","city":"London","postcode":"NW1 2AB","country":"GB"}},
             "items":[{"sku":"BOOK-0001","quantity":2,"price":24.90,"gift":false},
              {"sku":"PEN-BLUE-07","quantity":10,"price":1.25},
              {"sku":"NOTE-A5-RULED","quantity":3,"price":4.50,"gift":true},
              {"sku":"INK-BLACK-30","quantity":1,"price":7.99},
              {"sku":"LAMP-DESK-2","quantity":1,"price":39.00,"gift":false},
              {"sku":"CLIP-GOLD-12","quantity":20,"price":0.35},
              {"sku":"TAPE-CLEAR-19","quantity":4,"price":2.10,"gift":false},
              {"sku":"GLUE-STICK-40","quantity":6,"price":1.95},
              {"sku":"RULER-30CM","quantity":2,"price":3.20,"gift":false},
              {"sku":"ERASER-WHITE","quantity":5,"price":0.80},
              {"sku":"FOLDER-A4-RED","quantity":8,"price":1.15,"gift":true},
              {"sku":"STAPLER-MINI","quantity":1,"price":6.45}]}""";

    private CompiledOperation operation;
    private byte[] body;
    private BodyStructureLimits limits;
    private JsonLimits jsonLimits;
    private MultiMap headers;

    @Setup
    public void compile() {
        OperationEntry create = new OperationEntry("createOrder", "POST", "/shops/{shopId}/orders", List.of(), List.of(),
                new OperationContract(List.of(
                        new OperationContract.Parameter("path", "shopId", true, "simple", false, "{\"type\":\"integer\",\"minimum\":1}", null),
                        new OperationContract.Parameter("query", "dryRun", false, "form", true, "{\"type\":\"boolean\"}", null),
                        new OperationContract.Parameter("query", "channel", false, "form", true, "{\"enum\":[\"web\",\"app\"]}", null),
                        new OperationContract.Parameter("header", "Idempotency-Key", true, "simple", false,
                                "{\"type\":\"string\",\"format\":\"uuid\"}", null)),
                        new OperationContract.RequestBody(true, List.of(new OperationContract.Media("application/json",
                                "{\"$ref\":\"#/$defs/Order\"}"))), List.of()));
        ApiEntry api = new ApiEntry("api", "t", "Shop", null, "/v1", List.of("http://127.0.0.1:1"), List.of(create), List.of(), null, null,
                DEFINITIONS);
        operation = new OperationCompiler(new SchemaEngine()).compile(api, OperationCompiler.Definitions.of(api), create, true, true);
        body = BODY.getBytes(StandardCharsets.UTF_8);
        if (body.length < 1_000 || body.length > 1_200) {
            throw new IllegalStateException("the benchmark body should be about 1 KB, is " + body.length);
        }
        limits = BodyStructureLimits.DEFAULT;
        jsonLimits = BodyChecks.jsonLimits(limits);
        headers = MultiMap.caseInsensitiveMultiMap().add("idempotency-key", "0d4c6d52-8b4b-4b8e-a7f5-2b1e0b9c6f11")
                .add("content-type", "application/json");
        if (BodyChecks.check(operation, "application/json", body, limits, jsonLimits, true) != null
                || !operation.checkParameters("/shops/42/orders", "dryRun=false&channel=web", headers, false).isEmpty()) {
            throw new IllegalStateException("the benchmark request must be valid");
        }
    }

    CompiledOperation operation() {
        return operation;
    }

    byte[] bodyBytes() {
        return body;
    }

    /** Scan, parse and validate a 1 KB JSON body: the body phase of contract-validation. */
    @Benchmark
    public Object body() {
        return BodyChecks.check(operation, "application/json", body, limits, jsonLimits, true);
    }

    /** Decode and validate a path, two query and one header parameter: the request phase. */
    @Benchmark
    public Object parameters() {
        return operation.checkParameters("/shops/42/orders", "dryRun=false&channel=web", headers, false);
    }

    /** The floor: the same body through the JSON parser alone. */
    @Benchmark
    public Object parseOnly() {
        return SchemaEngine.JSON.readTree(body);
    }
}
