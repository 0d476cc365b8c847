package dev.bulwark.dataplane.snapshot;

import static dev.bulwark.dataplane.contract.Contracts.body;
import static dev.bulwark.dataplane.contract.Contracts.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ContractValidationConfig;
import dev.bulwark.contracts.policy.EnforcementMode;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.TestPolicies;
import dev.bulwark.dataplane.contract.Contracts;
import dev.bulwark.dataplane.contract.ValueType;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.upstream.UpstreamRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contracts are compiled when a snapshot is applied, where validation is attached, and reused across snapshots. */
class ContractCompilationTest {
    private static final ContractValidationConfig BLOCK = ContractValidationConfig.defaults();
    private final GatewayCompiler compiler = new GatewayCompiler(TestPolicies.FACTORY, new UpstreamRegistry(5, 1_000));

    private static OperationEntry operation(String id, String template, int maximum, List<PolicyConfig> policies) {
        return new OperationEntry(id, "POST", template, List.of(), policies, new OperationContract(
                List.of(path("id", "{\"type\":\"integer\",\"maximum\":" + maximum + "}")),
                body(true, "application/json", "{\"$ref\":\"#/$defs/Item\"}"), List.of()));
    }

    private static ApiEntry api(String id, List<PolicyConfig> policies, OperationEntry... operations) {
        return new ApiEntry(id, "t1", id, null, "/" + id, List.of("http://127.0.0.1:9"), List.of(operations), policies, Snapshots.LOOPBACK,
                null, Contracts.DEFINITIONS);
    }

    private static CompiledRoute route(CompiledSnapshot snapshot, String path) {
        return snapshot.router().match(null, "POST", path).route();
    }

    @Test
    void contractsAreCompiledWhereValidationIsInForceAndTheirHintsOnlyWhereItBlocks() throws Exception {
        ContractValidationConfig report = new ContractValidationConfig(EnforcementMode.REPORT, null, null, null, null, null);
        CompiledSnapshot snapshot = compiler.compile(Snapshots.of(1,
                api("guarded", List.of(BLOCK), operation("a", "/a/{id}", 5, List.of()), operation("b", "/b/{id}", 5, List.of(report))),
                api("plain", List.of(), operation("c", "/c/{id}", 5, List.of()), operation("d", "/d/{id}", 5, List.of(BLOCK)))));

        assertThat(route(snapshot, "/guarded/a/1").contract().typeHint("path.id")).isEqualTo(ValueType.INTEGER);
        assertThat(route(snapshot, "/guarded/a/1").contract().typeHint("body/price")).isEqualTo(ValueType.NUMBER);
        assertThat(route(snapshot, "/guarded/b/1").contract()).as("report mode validates").isNotNull();
        assertThat(route(snapshot, "/guarded/b/1").contract().typeHint("path.id")).as("but promises nothing").isNull();
        assertThat(route(snapshot, "/plain/c/1").contract()).as("no validation, nothing compiled").isNull();
        assertThat(route(snapshot, "/plain/d/1").contract().typeHint("path.id")).isEqualTo(ValueType.INTEGER);
    }

    @Test
    void aNewSnapshotRecompilesOnlyTheSchemasThatChanged() throws Exception {
        OperationEntry[] operations = new OperationEntry[20];
        for (int i = 0; i < operations.length; i++) {
            operations[i] = operation("op" + i, "/o" + i + "/{id}", i, List.of());
        }
        compiler.compile(Snapshots.of(1, api("shop", List.of(BLOCK), operations)));
        // 20 distinct path schemas, one shared body schema
        assertThat(compiler.schemasCompiled()).isEqualTo(21);

        operations[3] = operation("op3", "/o3/{id}", 1_000, List.of());
        CompiledSnapshot next = compiler.compile(Snapshots.of(2, api("shop", List.of(BLOCK), operations)));
        assertThat(compiler.schemasCompiled()).isEqualTo(1);
        assertThat(route(next, "/shop/o3/999").contract().checkParameters("/o3/999", null, io.vertx.core.MultiMap.caseInsensitiveMultiMap(),
                false)).isEmpty();
    }

    @Test
    void aContractThatDoesNotCompileIsConfinedToItsOperation() throws Exception {
        OperationEntry broken = new OperationEntry("broken", "POST", "/x/{id}", List.of(), List.of(), new OperationContract(
                List.of(path("id", "{\"type\":\"string\",\"pattern\":\"(?<=a)b\"}")), null, List.of()));
        CompiledSnapshot snapshot = compiler.compile(Snapshots.of(1,
                api("one", List.of(BLOCK), broken, operation("fine", "/y/{id}", 5, List.of()))));

        assertThat(route(snapshot, "/one/x/1").contract().broken()).contains("does not compile");
        assertThat(route(snapshot, "/one/y/1").contract().broken()).isNull();
    }
}
