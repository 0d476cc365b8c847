package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.kernel.Ids;
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

    OperationRepository(OperationRowRepository rows) {
        this.rows = rows;
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
                rows.insert(new OperationRow(Ids.next(), tenant, apiId, operation.key(), operation.method(),
                        operation.pathTemplate(), operation.requiredScopes(), List.of()));
            } else {
                rows.updateDefinition(tenant, previous.id(), operation.method(), operation.pathTemplate(),
                        operation.requiredScopes());
            }
        }
        for (Operation gone : existing.values()) {
            rows.deleteByTenantIdAndId(tenant, gone.id());
        }
    }

    public void setPolicies(TenantId tenant, UUID operationId, List<PolicyConfig> policies) {
        rows.updatePolicies(tenant, operationId, policies);
    }
}
