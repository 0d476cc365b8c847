package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.contract.CompiledContracts;
import dev.bulwark.controlplane.contract.ContractCompiler;
import dev.bulwark.controlplane.contract.ContractException;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the contracts of APIs stored before contracts existed (or by an older compiler format)
 * from their stored document, one API per transaction. The snapshot publisher's periodic re-check
 * then carries them to the gateways. A document that no longer compiles (a look-around pattern the
 * import would refuse today) is stored without contracts and logged: its gateways keep serving it
 * as before, without contract validation.
 */
@Singleton
public class ContractBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(ContractBackfill.class);
    private static final int BATCH = 50;

    private final ApiRepository apis;
    private final OperationRepository operations;
    private final TransactionOperations<Connection> transactions;

    ContractBackfill(ApiRepository apis, OperationRepository operations, TransactionOperations<Connection> transactions) {
        this.apis = apis;
        this.operations = operations;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10s")
    void scheduled() {
        int compiled = backfill();
        if (compiled > 0) {
            LOG.info("compiled the contracts of {} API(s) stored by an older release", compiled);
        }
    }

    /** @return how many APIs were compiled */
    public int backfill() {
        int compiled = 0;
        while (true) {
            List<ApiRepository.ApiRef> batch = transactions.executeRead(status -> apis.withStaleContracts(ContractCompiler.FORMAT, BATCH));
            if (batch.isEmpty()) {
                return compiled;
            }
            for (ApiRepository.ApiRef ref : batch) {
                transactions.executeWrite(status -> {
                    recompile(ref);
                    return null;
                });
                compiled++;
            }
        }
    }

    private void recompile(ApiRepository.ApiRef ref) {
        Api api = apis.lock(ref.tenant(), ref.id()).orElse(null);
        if (api == null) {
            return;
        }
        CompiledContracts contracts;
        try {
            contracts = OpenApiImporter.contracts(api.openapi());
        } catch (ContractException e) {
            LOG.warn("API {} of tenant {}: its stored document does not compile into contracts ({}, at {}); served without them",
                    api.id(), api.tenantId().value(), e.getMessage(), e.pointer());
            contracts = new CompiledContracts(null, Map.of());
        }
        operations.setContracts(ref.tenant(), ref.id(), contracts);
        apis.saveContract(ref.tenant(), ref.id(), contracts.schemas(), ContractCompiler.FORMAT);
    }
}
