package dev.bulwark.securitytesting.threatmodel;

import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.Objects;

/** One credible threat against one operation, with what to do about it. */
public record Threat(String operationKey, Stride strideCategory, String description, String mitigation,
        OwaspApiTop10 owaspCategory) {

    public Threat {
        Objects.requireNonNull(operationKey, "operationKey");
        Objects.requireNonNull(strideCategory, "strideCategory");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mitigation, "mitigation");
        Objects.requireNonNull(owaspCategory, "owaspCategory");
    }
}
