package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Numbers missing a minimum or a maximum: {@code limit=10000000} pages, negative quantities and
 * the like. Both ends are asked for because both are abused.
 */
public final class UnboundedNumberRule extends UnboundedInputRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("unbounded-number",
            "Input number lacks minimum or maximum", OwaspApiTop10.API4, Severity.LOW,
            "Declare 'minimum' and 'maximum' on numeric inputs, especially page sizes, counts and amounts.", ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    boolean isUnbounded(Schema<?> schema) {
        return Schemas.isNumeric(schema) && !Schemas.isEnumerated(schema)
                && (!hasMinimum(schema) || !hasMaximum(schema));
    }

    @Override
    String describe(SchemaWalker.Node node) {
        Schema<?> schema = node.schema();
        String missing = !hasMinimum(schema) && !hasMaximum(schema) ? "minimum and maximum"
                : hasMinimum(schema) ? "maximum" : "minimum";
        return subject(node) + " is a number without " + missing + ".";
    }

    private static boolean hasMinimum(Schema<?> schema) {
        return schema.getMinimum() != null || schema.getExclusiveMinimumValue() != null;
    }

    private static boolean hasMaximum(Schema<?> schema) {
        return schema.getMaximum() != null || schema.getExclusiveMaximumValue() != null;
    }
}
