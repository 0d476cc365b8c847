package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Strings that accept any characters: no {@code format}, {@code pattern}, enum or const. A length
 * limit stops megabytes, not {@code ' OR 1=1 --}; what a field may contain is what lets the gateway
 * refuse an injection by type rather than by guessing.
 */
public final class UnrestrictedStringRule extends UnboundedInputRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("unrestricted-string",
            "Input string has no format, pattern or enum", OwaspApiTop10.API4, Severity.LOW,
            "Say what the string may contain: a 'format' (uuid, date, email…), a 'pattern' anchored with ^ and $, "
                    + "or an enum; free text is the exception, and then the gateway's injection protection is "
                    + "what checks it.", ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    boolean isUnbounded(Schema<?> schema) {
        return Schemas.isString(schema) && !Schemas.isEnumerated(schema) && schema.getFormat() == null
                && schema.getPattern() == null && schema.getContentMediaType() == null
                && schema.getContentEncoding() == null;
    }

    @Override
    String describe(SchemaWalker.Node node) {
        return subject(node) + " is a string with no format, pattern or enum.";
    }
}
