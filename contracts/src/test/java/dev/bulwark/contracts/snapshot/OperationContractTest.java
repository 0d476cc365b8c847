package dev.bulwark.contracts.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.sync.SnapshotDelta;
import dev.bulwark.contracts.sync.SnapshotDiff;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationContractTest {
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final OperationContract CONTRACT = new OperationContract(
            List.of(new OperationContract.Parameter("path", "id", true, "simple", false, "{\"type\":\"integer\"}", null),
                    new OperationContract.Parameter("query", "limit", false, "form", true,
                            "{\"type\":\"number\",\"multipleOf\":0.5,\"maximum\":1e3}", null)),
            new OperationContract.RequestBody(true, List.of(new OperationContract.Media("application/json", "{\"$ref\":\"#/$defs/Order\"}"))),
            List.of(new OperationContract.Response("200", List.of(new OperationContract.Media("application/json", null)))));

    private static ApiEntry api(OperationContract contract, String schemas) {
        return new ApiEntry("api-1", "t1", "Orders", null, "/orders", List.of("http://127.0.0.1:9000"),
                List.of(new OperationEntry("getOrder", "PUT", "/{id}", List.of(), List.of(), contract)), List.of(), null, null, schemas);
    }

    private static Snapshot snapshot(long version, ApiEntry api) {
        return SnapshotHash.stamped(new Snapshot(Snapshot.SCHEMA_VERSION, version, "production", null, AT, List.of(api), List.of(),
                List.of(), List.of()));
    }

    @Test
    void entriesWithoutContractsHashAsBefore() {
        ApiEntry before = new ApiEntry("api-1", "t1", "Orders", null, "/orders", List.of("http://127.0.0.1:9000"),
                List.of(new OperationEntry("getOrder", "PUT", "/{id}", List.of(), List.of())), List.of());
        assertThat(CanonicalJson.write(api(null, null))).isEqualTo(CanonicalJson.write(before)).doesNotContain("contract")
                .doesNotContain("schemas");
        assertThat(SnapshotHash.of(snapshot(1, api(null, null)))).isEqualTo(SnapshotHash.of(snapshot(1, before)));
    }

    @Test
    void schemasTravelAsTextSoDecimalsNeedNoFloatingPoint() {
        String json = CanonicalJson.write(api(CONTRACT, "{\"Order\":{\"type\":\"object\"}}"));
        assertThat(json).contains("\"schema\":\"{\\\"type\\\":\\\"number\\\",\\\"multipleOf\\\":0.5,\\\"maximum\\\":1e3}\"")
                .contains("\"schemas\":\"{\\\"Order\\\":{\\\"type\\\":\\\"object\\\"}}\"");
        assertThat(SnapshotHash.of(snapshot(1, api(CONTRACT, null)))).isNotEqualTo(SnapshotHash.of(snapshot(1, api(null, null))));
    }

    @Test
    void aChangedContractTravelsInTheDeltaAndVerifies() throws Exception {
        Snapshot v1 = snapshot(1, api(CONTRACT, "{\"Order\":{\"type\":\"object\"}}"));
        Snapshot v2 = snapshot(2, api(CONTRACT, "{\"Order\":{\"type\":\"object\",\"required\":[\"id\"]}}"));
        SnapshotDelta delta = SnapshotDiff.diff(v1, v2);
        assertThat(delta.changes().apis().upserts()).extracting(ApiEntry::schemas)
                .containsExactly("{\"Order\":{\"type\":\"object\",\"required\":[\"id\"]}}");
        assertThat(SnapshotDiff.apply(v1, delta)).isEqualTo(v2);
    }

    @Test
    void rulesCheckWhatParameterDecodingReliesOn() {
        OperationContract broken = new OperationContract(List.of(
                new OperationContract.Parameter("path", "other", false, "form", false, "{}", null),
                new OperationContract.Parameter("body", "x", true, "simple", false, "{}", null),
                new OperationContract.Parameter("header", "X-Trace", false, "simple", false, "{}", null),
                new OperationContract.Parameter("header", "x-trace", false, "simple", false, null, "text plain")),
                new OperationContract.RequestBody(false, List.of(new OperationContract.Media("application/json", null),
                        new OperationContract.Media("Application/JSON", null))),
                List.of(new OperationContract.Response("600", List.of())));
        List<String> problems = SnapshotRules.contentProblems(snapshot(1, api(broken, null)));
        String at = "apis[0].operations[0].contract.";
        assertThat(problems).containsExactlyInAnyOrder(
                at + "parameters[0].style: must be one of [simple, label, matrix] for a path parameter".replace("[simple, label, matrix]",
                        ContractRules.STYLES.get("path").toString()),
                at + "parameters[0].required: must be true for a path parameter",
                at + "parameters[0].name: names no variable of the path template",
                at + "parameters[1].in: must be one of path, query, header, cookie",
                at + "parameters[3].schema: is required",
                at + "parameters[3].mediaType: is not a media type",
                at + "parameters[3]: duplicates the header parameter x-trace",
                at + "requestBody.content[1].mediaType: is listed twice",
                at + "responses[0].status: must be a status code, a range like 4XX, or default");
        assertThat(SnapshotRules.contentProblems(snapshot(1, api(CONTRACT, null)))).isEmpty();
    }
}
