package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Set;

/**
 * Integers without {@code int32}/{@code int64}: each layer picks its own width, and a value that
 * fits the gateway's JSON parser overflows the service's {@code int} (negative quantities, wrapped
 * prices).
 */
public final class IntegerFormatRule extends UnboundedInputRule {

    private static final Set<String> WIDTHS = Set.of("int32", "int64", "int8", "int16", "uint8", "uint16",
            "uint32", "uint64");

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("integer-format",
            "Input integer has no int32/int64 format", OwaspApiTop10.API4, Severity.LOW,
            "Declare 'format: int32' or 'format: int64' on integer inputs, matching the type the service stores.",
            ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    boolean isUnbounded(Schema<?> schema) {
        return Schemas.types(schema).contains("integer") && !Schemas.isEnumerated(schema)
                && (schema.getFormat() == null || !WIDTHS.contains(schema.getFormat()));
    }

    @Override
    String describe(SchemaWalker.Node node) {
        return subject(node) + " is an integer of unspecified width.";
    }
}
