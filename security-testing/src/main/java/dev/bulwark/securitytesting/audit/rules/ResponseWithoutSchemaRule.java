package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A successful structured response with no schema: nothing says which fields may leave the
 * server, so nothing (reviewer, gateway, test) can notice when too many do. Binary and text media
 * types are exempt, a schema adds little there.
 */
public final class ResponseWithoutSchemaRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("response-without-schema",
            "Successful response has no schema", OwaspApiTop10.API3, Severity.LOW,
            "Describe every successful JSON/XML response with a schema listing exactly the properties returned, "
                    + "and let the gateway validate responses against it.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(ApiDocument document) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            for (Map.Entry<String, Located<ApiResponse>> entry : document.responses(op).entrySet()) {
                Located<ApiResponse> response = entry.getValue();
                if (!SchemaSources.isSuccess(entry.getKey()) || response.value().getContent() == null) {
                    continue;
                }
                response.value().getContent().forEach((mediaType, media) -> {
                    if (isStructured(mediaType) && (media == null || media.getSchema() == null)) {
                        JsonPointer at = response.location().child("content", mediaType);
                        out.add(DESCRIPTOR.finding(at, "Response " + entry.getKey() + " (" + mediaType
                                + ") has no schema, so the fields it returns are undefined."));
                    }
                });
            }
        }
        return out;
    }

    private static boolean isStructured(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.equals("application/json") || type.endsWith("+json") || type.equals("*/*")
                || type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml");
    }
}
