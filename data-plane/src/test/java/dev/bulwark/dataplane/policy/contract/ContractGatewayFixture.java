package dev.bulwark.dataplane.policy.contract;

import static dev.bulwark.dataplane.contract.Contracts.body;
import static dev.bulwark.dataplane.contract.Contracts.parameter;
import static dev.bulwark.dataplane.contract.Contracts.path;
import static dev.bulwark.dataplane.contract.Contracts.query;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.policy.BodyStructureLimits;
import dev.bulwark.contracts.policy.ContractValidationConfig;
import dev.bulwark.contracts.policy.EnforcementMode;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.TestPolicies;
import dev.bulwark.dataplane.contract.Contracts;
import dev.bulwark.dataplane.event.EventSink;
import dev.bulwark.dataplane.model.PolicyFactory;
import java.util.List;
import java.util.Queue;

/** The APIs of the end-to-end contract tests: one of each way contract validation can be attached. */
final class ContractGatewayFixture {
    static final ContractValidationConfig BLOCK = ContractValidationConfig.defaults();
    static final ContractValidationConfig REPORT = new ContractValidationConfig(EnforcementMode.REPORT, null, null, null, null, null);

    /** The real contract-validation policy; every other type a pass-through. */
    static final PolicyFactory POLICIES = config -> config instanceof ContractValidationConfig validation
            ? new ContractValidationPolicy(validation) : TestPolicies.FACTORY.create(config);

    private ContractGatewayFixture() {
    }

    static Snapshot snapshot(String upstream) {
        String item = "{\"$ref\":\"#/$defs/Item\"}";
        OperationEntry getItem = operation("getItem", "GET", "/items/{id}", null, List.of(),
                path("id", "{\"type\":\"integer\",\"minimum\":1}"),
                query("verbose", false, "{\"type\":\"boolean\"}"),
                parameter("header", "X-Trace", false, "simple", false, "{\"type\":\"string\",\"format\":\"uuid\"}"));
        OperationEntry listItems = operation("listItems", "GET", "/items", null, List.of(),
                query("limit", false, "{\"type\":\"integer\",\"maximum\":100}"),
                parameter("query", "tags", false, "form", false, "{\"type\":\"array\",\"items\":{\"enum\":[\"red\",\"green\"]}}"),
                query("sort", false, "{\"type\":\"string\",\"pattern\":\"^(a+)+$\"}"));
        OperationEntry createItem = operation("createItem", "POST", "/items", body(true, "application/json", item,
                "application/xml", null,
                "multipart/form-data", "{\"type\":\"object\",\"required\":[\"file\"],\"properties\":{\"file\":{\"type\":\"string\"}}}"),
                List.of());
        OperationEntry deleteItem = operation("deleteItem", "DELETE", "/items/{id}", null, List.of(),
                path("id", "{\"type\":\"integer\"}"));
        // rolled out in report mode on this operation only
        OperationEntry draft = operation("createDraft", "POST", "/drafts", body(true, "application/json", item), List.of(REPORT));
        ApiEntry shop = api("shop", "/shop", upstream, List.of(BLOCK), Contracts.DEFINITIONS, getItem, listItems, createItem,
                deleteItem, draft);
        ApiEntry open = api("open", "/open", upstream, List.of(BLOCK), null);
        ApiEntry reported = api("reported", "/reported", upstream, List.of(new ContractValidationConfig(EnforcementMode.REPORT, true,
                null, null, null, new BodyStructureLimits(null, null, 4, null, null, null, null, null, null))), null);
        ApiEntry partial = api("partial", "/partial", upstream, List.of(new ContractValidationConfig(null, false, null, null, null, null)),
                null, operation("known", "GET", "/known", null, List.of(), query("q", false, "{\"type\":\"string\"}")));
        return Snapshots.of(1, shop, open, reported, partial);
    }

    static OperationEntry operation(String id, String method, String template, OperationContract.RequestBody body,
                                    List<PolicyConfig> policies, OperationContract.Parameter... parameters) {
        return new OperationEntry(id, method, template, List.of(), policies, new OperationContract(List.of(parameters), body, List.of()));
    }

    static ApiEntry api(String id, String basePath, String upstream, List<PolicyConfig> policies, String definitions,
                        OperationEntry... operations) {
        return new ApiEntry(id, "tenant-1", id, null, basePath, List.of(upstream), List.of(operations), policies, Snapshots.LOOPBACK,
                null, definitions);
    }

    static EventSink sink(Queue<SecurityEvent> events) {
        return dev.bulwark.dataplane.SecurityEventSinks.into(events);
    }
}
