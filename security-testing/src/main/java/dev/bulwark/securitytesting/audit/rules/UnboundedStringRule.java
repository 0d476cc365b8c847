package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Set;

/** Strings with no maximum length: megabytes per field reach parsers, logs and databases. */
public final class UnboundedStringRule extends UnboundedInputRule {

    // Formats whose syntax already fixes a maximum length.
    private static final Set<String> BOUNDED_FORMATS = Set.of("date", "date-time", "time", "uuid", "ipv4", "ipv6");

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("unbounded-string",
            "Input string has no maxLength", OwaspApiTop10.API4, Severity.LOW,
            "Give every input string a realistic 'maxLength' (or an enum / bounded format) so the gateway can "
                    + "reject oversized values before they reach the service.", ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    boolean isUnbounded(Schema<?> schema) {
        return Schemas.isString(schema) && schema.getMaxLength() == null && !Schemas.isEnumerated(schema)
                && (schema.getFormat() == null || !BOUNDED_FORMATS.contains(schema.getFormat()));
    }

    @Override
    String describe(SchemaWalker.Node node) {
        return subject(node) + " is a string without maxLength.";
    }
}
