package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.media.Schema;

/** Arrays with no maximum size: one request can carry a batch of any size. */
public final class UnboundedArrayRule extends UnboundedInputRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("unbounded-array",
            "Input array has no maxItems", OwaspApiTop10.API4, Severity.LOW,
            "Set 'maxItems' on every input array to the largest batch the service is sized for.", ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    boolean isUnbounded(Schema<?> schema) {
        return Schemas.isArray(schema) && schema.getMaxItems() == null;
    }

    @Override
    String describe(SchemaWalker.Node node) {
        return subject(node) + " is an array without maxItems.";
    }
}
