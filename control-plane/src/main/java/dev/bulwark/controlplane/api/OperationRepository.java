package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.JsonColumns;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.TenantId;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The operations extracted from each API's document, as {@link Operation}s over the rows of
 * {@link OperationRowRepository}. Every method is scoped to one tenant.
 */
@Singleton
public class OperationRepository {
    private final OperationRowRepository rows;
    private final JsonColumns json;

    OperationRepository(OperationRowRepository rows, JsonColumns json) {
        this.rows = rows;
        this.json = json;
    }

    public List<Operation> list(TenantId tenant, UUID apiId, KeysetCursor cursor) {
        return rows.page(tenant, apiId, cursor.after(), cursor.fetchSize()).stream().map(OperationRow::toOperation).toList();
    }

    public List<Operation> all(TenantId tenant, UUID apiId) {
        return rows.findByTenantIdAndApiIdOrderById(tenant, apiId).stream().map(OperationRow::toOperation).toList();
    }

    public Optional<Operation> find(TenantId tenant, UUID apiId, String key) {
        return rows.findByTenantIdAndApiIdAndOperationKey(tenant, apiId, key).map(OperationRow::toOperation);
    }

    /**
     * Makes the stored operations match a (re-)imported document. Operations that keep their key
     * keep their id and policies; vanished ones are removed with their policies.
     */
    public void replaceAll(TenantId tenant, UUID apiId, List<OpenApiImporter.ImportedOperation> imported) {
        Map<String, Operation> existing = new HashMap<>();
        all(tenant, apiId).forEach(operation -> existing.put(operation.key(), operation));
        for (OpenApiImporter.ImportedOperation operation : imported) {
            Operation previous = existing.remove(operation.key());
            if (previous == null) {
                UUID id = Ids.next();
                rows.insert(new OperationRow(id, tenant, apiId, operation.key(), operation.method(),
                        operation.pathTemplate(), operation.requiredScopes(), List.of()));
                rows.updateContract(tenant, id, contract(operation));
            } else {
                rows.updateDefinition(tenant, previous.id(), operation.method(), operation.pathTemplate(),
                        operation.requiredScopes());
                rows.updateContract(tenant, previous.id(), contract(operation));
            }
        }
        for (Operation gone : existing.values()) {
            rows.deleteByTenantIdAndId(tenant, gone.id());
        }
    }

    /** Stores contracts compiled again from the document (operations matched by method and path). */
    public void setContracts(TenantId tenant, UUID apiId, dev.bulwark.controlplane.contract.CompiledContracts contracts) {
        for (Operation operation : all(tenant, apiId)) {
            OperationContract contract = contracts.of(operation.method(), operation.pathTemplate());
            rows.updateContract(tenant, operation.id(), contract == null ? null : json.write(contract));
        }
    }

    private String contract(OpenApiImporter.ImportedOperation operation) {
        return operation.contract() == null ? null : json.write(operation.contract());
    }

    public void setPolicies(TenantId tenant, UUID operationId, List<PolicyConfig> policies) {
        rows.updatePolicies(tenant, operationId, policies);
    }
}
