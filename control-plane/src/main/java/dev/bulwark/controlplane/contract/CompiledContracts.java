package dev.bulwark.controlplane.contract;

import dev.bulwark.contracts.snapshot.OperationContract;
import java.util.Map;

/**
 * The contracts of a document's operations, keyed by {@code "METHOD /path"} (method upper-case,
 * path as written in the document), and the definitions they share.
 *
 * @param schemas JSON object text of the shared definitions, or null when no contract refers to any
 */
public record CompiledContracts(String schemas, Map<String, OperationContract> byRoute) {
    public CompiledContracts {
        byRoute = Map.copyOf(byRoute);
    }

    public OperationContract of(String method, String path) {
        return byRoute.get(method + " " + path);
    }
}
