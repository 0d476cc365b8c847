package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.media.Content;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body media type with no schema: the operation accepts anything in that format, so
 * neither the gateway nor a reviewer can tell a valid request from an attack.
 */
public final class RequestWithoutSchemaRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("request-without-schema",
            "Request body media type has no schema", OwaspApiTop10.API8, Severity.MEDIUM,
            "Give every request media type a schema (properties, types, bounds) so the gateway can validate "
                    + "requests before they reach the service; drop media types the service does not accept.",
            ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            document.requestBody(op).ifPresent(body -> {
                Content content = body.value().getContent();
                if (content == null) {
                    return;
                }
                content.forEach((mediaType, media) -> {
                    if (SchemaSources.isStructured(mediaType) && (media == null || media.getSchema() == null)) {
                        out.add(DESCRIPTOR.finding(op, body.location().child("content", mediaType),
                                "Request body (" + mediaType + ") has no schema, so any content is accepted."));
                    }
                });
            });
        }
        return out;
    }
}
