package dev.bulwark.controlplane.snapshot;

import static dev.bulwark.controlplane.api.CatalogTestSupport.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotRules;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.ApiView;
import dev.bulwark.controlplane.api.CatalogScenario;
import dev.bulwark.controlplane.api.ContractBackfill;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contracts compiled from a stored document reach the snapshot, also for APIs stored before contracts existed. */
@MicronautTest(transactional = false)
class ContractSnapshotTest extends RealDatabaseTest {
    @Inject SnapshotCompiler compiler;
    @Inject CatalogScenario scenario;
    @Inject ContractBackfill backfill;

    @Test
    void publishedOperationsCarryTheirContractAndTheApiItsDefinitions() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = scenario.publishedApi(owner, "/contracts");

        Snapshot production = compiler.compileContent(Environment.PRODUCTION);
        ApiEntry entry = entry(production, api);
        assertThat(entry.schemas()).isEqualTo("{\"Pet\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"name\"],"
                + "\"properties\":{\"id\":{\"type\":\"string\",\"format\":\"uuid\",\"readOnly\":true},"
                + "\"name\":{\"type\":\"string\",\"maxLength\":100}}}}");
        OperationContract createPet = operation(entry, "createPet").contract();
        assertThat(createPet.requestBody().required()).isTrue();
        assertThat(createPet.requestBody().content()).containsExactly(
                new OperationContract.Media("application/json", "{\"$ref\":\"#/$defs/Pet\"}"));
        OperationContract getPet = operation(entry, "GET /pets/{petId}").contract();
        assertThat(getPet.parameters()).containsExactly(new OperationContract.Parameter("path", "petId", true, "simple", false,
                "{\"type\":\"string\",\"format\":\"uuid\"}", null));
        assertThat(getPet.requestBody()).isNull();
        assertThat(operation(entry, "listPets").contract().parameters()).singleElement()
                .satisfies(limit -> assertThat(limit.schema()).isEqualTo("{\"type\":\"integer\",\"maximum\":100}"));
        assertThat(SnapshotRules.contentProblems(production)).isEmpty();
    }

    @Test
    void theBackfillCompilesContractsOfApisStoredBeforeThem() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = scenario.publishedApi(owner, "/contracts-later");
        ApiEntry compiled = entry(compiler.compileContent(Environment.PRODUCTION), api);
        try (Connection connection = database.connect();
             PreparedStatement forgetApi = connection.prepareStatement(
                     "UPDATE api SET contract_schemas = NULL, contract_format = 0 WHERE id = ?");
             PreparedStatement forgetOperations = connection.prepareStatement("UPDATE api_operation SET contract = NULL WHERE api_id = ?")) {
            forgetApi.setObject(1, api.id());
            forgetApi.executeUpdate();
            forgetOperations.setObject(1, api.id());
            forgetOperations.executeUpdate();
        }
        ApiEntry old = entry(compiler.compileContent(Environment.PRODUCTION), api);
        assertThat(old.schemas()).isNull();
        assertThat(old.operations()).extracting(OperationEntry::contract).containsOnlyNulls();

        assertThat(backfill.backfill()).isGreaterThanOrEqualTo(1);

        assertThat(entry(compiler.compileContent(Environment.PRODUCTION), api)).isEqualTo(compiled);
        assertThat(backfill.backfill()).as("nothing left to compile").isZero();
    }

    private static ApiEntry entry(Snapshot snapshot, ApiView api) {
        return snapshot.apis().stream().filter(a -> a.apiId().equals(api.id().toString())).findFirst().orElseThrow();
    }

    private static OperationEntry operation(ApiEntry api, String id) {
        List<OperationEntry> operations = api.operations();
        return operations.stream().filter(o -> o.operationId().equals(id)).findFirst().orElseThrow();
    }
}
