package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A successful structured response with no schema: nothing says which fields may leave the
 * server, so nothing (reviewer, gateway, test) can notice when too many do. The payload of a
 * webhook is judged the same way: it is data leaving the API. Binary and text media types are
 * exempt, a schema adds little there.
 */
public final class ResponseWithoutSchemaRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("response-without-schema",
            "Successful response has no schema", OwaspApiTop10.API3, Severity.LOW,
            "Describe every successful JSON/XML response (and webhook payload) with a schema listing exactly the "
                    + "properties sent, and let the gateway validate responses against it.", ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            for (Map.Entry<String, Located<ApiResponse>> entry : document.responses(op).entrySet()) {
                if (SchemaSources.isSuccess(entry.getKey())) {
                    missing(op, entry.getValue().value().getContent(), entry.getValue().location(),
                            "Response " + entry.getKey(), out);
                }
            }
        }
        for (ApiOperation webhook : document.webhooks()) {
            document.requestBody(webhook).ifPresent(body -> missing(webhook, body.value().getContent(),
                    body.location(), "Webhook payload", out));
        }
        return out;
    }

    private static void missing(ApiOperation op, Content content, JsonPointer owner, String what, List<Finding> out) {
        if (content == null) {
            return;
        }
        content.forEach((mediaType, media) -> {
            if (SchemaSources.isStructured(mediaType) && (media == null || media.getSchema() == null)) {
                out.add(DESCRIPTOR.finding(op, owner.child("content", mediaType), what + " (" + mediaType
                        + ") has no schema, so the fields it carries are undefined."));
            }
        });
    }
}
