package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.SchemaUsage.UsedNode;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.openapi.Schemas.Extras;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Response objects that promise to return anything: {@code additionalProperties: true} or a bare
 * {@code type: object}. That is how whole database rows end up serialised to clients. Merely
 * leaving additionalProperties unset on a schema that lists its properties is not reported; that is
 * how most APIs are written and the declared list still documents intent.
 */
public final class OpenResponseSchemaRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("open-response-schema",
            "Response schema allows arbitrary properties", OwaspApiTop10.API3, Severity.MEDIUM,
            "List the properties a response may contain, drop 'additionalProperties: true', and serialise "
                    + "responses from dedicated DTOs rather than internal objects.", ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (UsedNode used : SchemaSources.outbound(target.document())) {
            Schema<?> schema = used.node().schema();
            Extras extras = Schemas.extras(schema);
            String subject = SchemaSources.subject(used.node(), "response");
            if (extras == Extras.OPEN) {
                out.add(DESCRIPTOR.finding(used.operations(), used.node().location(),
                        subject + " sets additionalProperties to true, so any field may be returned."));
            } else if (extras == Extras.UNSPECIFIED && isFreeForm(schema)) {
                out.add(DESCRIPTOR.finding(used.operations(), used.node().location(),
                        subject + " is an object with no declared properties, so any field may be returned."));
            }
        }
        return out;
    }

    private static boolean isFreeForm(Schema<?> schema) {
        return Schemas.types(schema).contains("object") && !Schemas.hasProperties(schema)
                && isEmpty(schema.getAllOf()) && isEmpty(schema.getAnyOf()) && isEmpty(schema.getOneOf());
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
