package dev.bulwark.securitytesting.threatmodel;

import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;
import java.util.Objects;

/**
 * One credible threat against one operation: the inputs or properties it goes through
 * ({@code targets}, e.g. {@code 'customer' (path)}), what to do about it, the gateway controls
 * that mitigate it and their state, and the resulting status.
 */
public record Threat(String id, String operationKey, Stride strideCategory, OwaspApiTop10 owaspCategory,
        List<String> targets, String description, String mitigation, List<Control> controls, Status status) {

    public enum Status {
        /** Every gateway control is attached and the gateway can stop the threat alone. */
        MITIGATED,
        /** Some controls are attached, or the rest is up to the service. */
        PARTIAL,
        /** No control is attached (or none exists at the gateway). */
        OPEN,
        /** The attached policies are unknown. */
        NOT_ASSESSED
    }

    public Threat {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operationKey, "operationKey");
        Objects.requireNonNull(strideCategory, "strideCategory");
        Objects.requireNonNull(owaspCategory, "owaspCategory");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mitigation, "mitigation");
        Objects.requireNonNull(status, "status");
        targets = List.copyOf(targets);
        controls = List.copyOf(controls);
    }
}
