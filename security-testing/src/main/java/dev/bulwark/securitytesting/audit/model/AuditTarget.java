package dev.bulwark.securitytesting.audit.model;

import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import java.util.Objects;

/** What is audited: the document and, when known, the gateway policies it is served with. */
public record AuditTarget(ApiDocument document, GatewayPolicies gateway) {

    public AuditTarget {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(gateway, "gateway");
    }

    public static AuditTarget of(ApiDocument document) {
        return new AuditTarget(document, GatewayPolicies.UNKNOWN);
    }

    /**
     * A caller without credentials gets through: the document accepts anonymous callers and the
     * gateway does not authenticate either. Webhooks are called by the API, never anonymous.
     */
    public boolean allowsAnonymous(ApiOperation operation) {
        return gateway.admitsAnonymous(document, operation);
    }
}
