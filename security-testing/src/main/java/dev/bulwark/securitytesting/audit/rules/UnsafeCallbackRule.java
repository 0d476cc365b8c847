package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Callbacks and webhooks are where an OpenAPI document shows this API consuming someone else's:
 * the server calls the subscriber and reads its answer. Doing that over plain HTTP, reading answers
 * with no declared shape, or sending webhooks subscribers cannot authenticate (no security
 * requirement, no signature header) is trusting, or asking to be trusted, blindly.
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
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        List<Finding> out = new ArrayList<>();
        for (ApiOperation webhook : document.webhooks()) {
            untypedAnswers("webhook " + webhook.path(), webhook, webhook.operation(), webhook.location(), out);
            if (unsigned(document, webhook)) {
                out.add(DESCRIPTOR.finding(webhook, webhook.location(), webhook.key() + " declares neither a "
                        + "security requirement nor a signature header, so subscribers cannot tell it from a "
                        + "forged call."));
            }
        }
        for (ApiOperation op : document.operations()) {
            Map<String, Callback> callbacks = op.operation().getCallbacks();
            if (callbacks == null) {
                continue;
            }
            callbacks.forEach((name, declared) -> declared.forEach((expression, item) -> {
                JsonPointer at = op.location().child("callbacks", name, expression);
                if (expression.trim().toLowerCase(Locale.ROOT).startsWith("http://")) {
                    out.add(DESCRIPTOR.finding(op, at, "Callback '" + name + "' of " + op.key()
                            + " is delivered over plain HTTP."));
                }
                item.readOperationsMap().forEach((method, callback) -> untypedAnswers("callback '" + name + "'", op,
                        callback, at.child(method.name().toLowerCase(Locale.ROOT)), out));
            }));
        }
        return out;
    }

    private static void untypedAnswers(String what, ApiOperation owner, Operation call, JsonPointer at,
            List<Finding> out) {
        if (call.getResponses() == null) {
            return;
        }
        for (Map.Entry<String, ApiResponse> response : call.getResponses().entrySet()) {
            if (response.getValue().getContent() == null) {
                continue;
            }
            for (Map.Entry<String, MediaType> media : response.getValue().getContent().entrySet()) {
                if (media.getValue() == null || media.getValue().getSchema() == null) {
                    out.add(DESCRIPTOR.finding(owner, at.child("responses", response.getKey(), "content", media.getKey()),
                            capitalise(what) + " reads a " + response.getKey() + " answer (" + media.getKey()
                                    + ") with no schema to validate it.", Severity.LOW));
                }
            }
        }
    }

    /** No security requirement of its own and no header parameter carrying a signature. */
    private static boolean unsigned(ApiDocument document, ApiOperation webhook) {
        if (!document.effectiveSecurity(webhook).isEmpty()) {
            return false;
        }
        return webhook.parametersIn("header").stream()
                .map(p -> NameHeuristics.words(p.value().getName()))
                .noneMatch(words -> words.contains("signature") || words.contains("hmac") || words.contains("sig"));
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
