package dev.bulwark.securitytesting.gateway;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The gateway policies attached to the audited API, by type name as the control plane spells
 * them ({@code dev.bulwark.contracts.policy.PolicyConfig}): at API level, and per operation keyed
 * by operationId or {@code "METHOD /path"}, like the control plane's operation catalogue. The audit
 * judges the API as it is served: what the gateway enforces counts even when the document is
 * silent about it. {@link #UNKNOWN} (the CLI without {@code --gateway-policies}) means nothing
 * is known, and the rules about gateway protection stay quiet.
 */
public record GatewayPolicies(boolean known, Set<String> apiLevel, Map<String, Set<String>> perOperation) {

    public static final String API_KEY = "api-key";
    public static final String JWT = "jwt";
    public static final String RATE_LIMIT = "rate-limit";
    public static final String QUOTA = "quota";
    public static final String IP_FILTER = "ip-filter";
    public static final String REQUEST_LIMITS = "request-limits";
    public static final String CORS = "cors";
    /** OpenAPI request validation (landing with issue 20). */
    public static final String CONTRACT_VALIDATION = "contract-validation";
    /** Injection detection (landing with issue 20). */
    public static final String THREAT_PROTECTION = "threat-protection";

    public static final GatewayPolicies UNKNOWN = new GatewayPolicies(false, Set.of(), Map.of());

    public GatewayPolicies {
        apiLevel = Set.copyOf(apiLevel);
        perOperation = Map.copyOf(perOperation);
        perOperation.values().forEach(Objects::requireNonNull);
    }

    /** The same policies on every operation, e.g. from the command line. */
    public static GatewayPolicies onEveryOperation(Set<String> types) {
        return new GatewayPolicies(true, types, Map.of());
    }

    public static GatewayPolicies of(Set<String> apiLevel, Map<String, Set<String>> perOperation) {
        return new GatewayPolicies(true, apiLevel, perOperation);
    }

    /** Types applying to the operation: API level plus its own. */
    public Set<String> on(ApiOperation operation) {
        Set<String> out = new HashSet<>(apiLevel);
        out.addAll(ownedBy(operation));
        return out;
    }

    /** Types attached to this operation itself, not inherited from the API. */
    public Set<String> ownedBy(ApiOperation operation) {
        Set<String> out = new HashSet<>();
        if (operation.operationId() != null) {
            out.addAll(perOperation.getOrDefault(operation.operationId(), Set.of()));
        }
        out.addAll(perOperation.getOrDefault(operation.method() + " " + operation.path(), Set.of()));
        return out;
    }

    public boolean enforces(ApiOperation operation, String type) {
        return known && on(operation).contains(type);
    }

    /** The gateway authenticates callers of the operation (api-key or jwt). */
    public boolean authenticates(ApiOperation operation) {
        return enforces(operation, API_KEY) || enforces(operation, JWT);
    }

    /**
     * A caller without credentials gets through: the document accepts anonymous callers and the
     * gateway does not authenticate either. Webhooks are called by the API, never anonymous.
     */
    public boolean admitsAnonymous(ApiDocument document, ApiOperation operation) {
        return !operation.isWebhook() && document.allowsAnonymous(operation) && !authenticates(operation);
    }

    public boolean throttles(ApiOperation operation) {
        return enforces(operation, RATE_LIMIT) || enforces(operation, QUOTA);
    }
}
