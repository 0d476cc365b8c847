package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Callbacks are the one place an OpenAPI document shows this API consuming someone else's: the
 * server calls the subscriber and reads its answer. Doing that over plain HTTP, or reading answers
 * with no declared shape, is trusting a third party blindly.
 */
public final class UnsafeCallbackRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("unsafe-callback",
            "Callback is called insecurely or its answer is unvalidated", OwaspApiTop10.API10, Severity.MEDIUM,
            "Call subscribers over HTTPS only, sign callback requests, and validate subscriber responses "
                    + "against a declared schema (or ignore their bodies) before acting on them.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(ApiDocument document) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            Map<String, Callback> callbacks = op.operation().getCallbacks();
            if (callbacks == null) {
                continue;
            }
            callbacks.forEach((name, callback) -> callback.forEach((expression, item) -> {
                JsonPointer at = op.location().child("callbacks", name, expression);
                if (expression.trim().toLowerCase(Locale.ROOT).startsWith("http://")) {
                    out.add(DESCRIPTOR.finding(at, "Callback '" + name + "' of " + op.key()
                            + " is delivered over plain HTTP."));
                }
                untypedAnswers(name, item, at, out);
            }));
        }
        return out;
    }

    private static void untypedAnswers(String name, PathItem item, JsonPointer at, List<Finding> out) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
            if (entry.getValue().getResponses() == null) {
                continue;
            }
            JsonPointer opAt = at.child(entry.getKey().name().toLowerCase(Locale.ROOT));
            for (Map.Entry<String, ApiResponse> response : entry.getValue().getResponses().entrySet()) {
                if (response.getValue().getContent() == null) {
                    continue;
                }
                for (Map.Entry<String, MediaType> media : response.getValue().getContent().entrySet()) {
                    if (media.getValue() == null || media.getValue().getSchema() == null) {
                        out.add(DESCRIPTOR.finding(opAt.child("responses", response.getKey(), "content", media.getKey()),
                                "Callback '" + name + "' reads a " + response.getKey() + " answer (" + media.getKey()
                                        + ") with no schema to validate it.", Severity.LOW));
                    }
                }
            }
        }
    }
}
