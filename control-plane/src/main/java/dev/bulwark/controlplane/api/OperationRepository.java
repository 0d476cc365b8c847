package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.JsonColumns;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The operations extracted from each API's document. Every method is scoped to one tenant. */
@Singleton
public class OperationRepository {
    private static final String COLUMNS = "id, api_id, operation_key, method, path_template, "
            + "required_scopes::text AS required_scopes, policies::text AS policies";

    private final Sql sql;
    private final JsonColumns json;

    public OperationRepository(Sql sql, JsonColumns json) {
        this.sql = sql;
        this.json = json;
    }

    public List<Operation> list(TenantId tenant, UUID apiId, KeysetCursor cursor) {
        return sql.list("SELECT " + COLUMNS + " FROM api_operation WHERE tenant_id = ? AND api_id = ? AND id > ? "
                + "ORDER BY id LIMIT ?", this::map, tenant, apiId, cursor.after(), cursor.fetchSize());
    }

    public List<Operation> all(TenantId tenant, UUID apiId) {
        return sql.list("SELECT " + COLUMNS + " FROM api_operation WHERE tenant_id = ? AND api_id = ? ORDER BY id",
                this::map, tenant, apiId);
    }

    public Optional<Operation> find(TenantId tenant, UUID apiId, String key) {
        return sql.one("SELECT " + COLUMNS + " FROM api_operation WHERE tenant_id = ? AND api_id = ? AND operation_key = ?",
                this::map, tenant, apiId, key);
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
                sql.update("INSERT INTO api_operation (id, tenant_id, api_id, operation_key, method, path_template, "
                                + "required_scopes, contract) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)",
                        Ids.next(), tenant, apiId, operation.key(), operation.method(), operation.pathTemplate(),
                        json.write(operation.requiredScopes()), contract(operation));
            } else {
                sql.update("UPDATE api_operation SET method = ?, path_template = ?, required_scopes = ?::jsonb, "
                                + "contract = ?::jsonb WHERE tenant_id = ? AND id = ?",
                        operation.method(), operation.pathTemplate(), json.write(operation.requiredScopes()),
                        contract(operation), tenant, previous.id());
            }
        }
        for (Operation gone : existing.values()) {
            sql.update("DELETE FROM api_operation WHERE tenant_id = ? AND id = ?", tenant, gone.id());
        }
    }

    /** Stores contracts compiled again from the document (operations matched by method and path). */
    public void setContracts(TenantId tenant, UUID apiId, dev.bulwark.controlplane.contract.CompiledContracts contracts) {
        for (Operation operation : all(tenant, apiId)) {
            OperationContract contract = contracts.of(operation.method(), operation.pathTemplate());
            sql.update("UPDATE api_operation SET contract = ?::jsonb WHERE tenant_id = ? AND id = ?",
                    contract == null ? null : json.write(contract), tenant, operation.id());
        }
    }

    private String contract(OpenApiImporter.ImportedOperation operation) {
        return operation.contract() == null ? null : json.write(operation.contract());
    }

    public void setPolicies(TenantId tenant, UUID operationId, List<PolicyConfig> policies) {
        sql.update("UPDATE api_operation SET policies = ?::jsonb WHERE tenant_id = ? AND id = ?",
                json.writePolicies(policies), tenant, operationId);
    }

    private Operation map(ResultSet row) throws SQLException {
        return new Operation(row.getObject("id", UUID.class), row.getObject("api_id", UUID.class),
                row.getString("operation_key"), row.getString("method"), row.getString("path_template"),
                json.strings(row.getString("required_scopes")), json.policies(row.getString("policies")));
    }
}
