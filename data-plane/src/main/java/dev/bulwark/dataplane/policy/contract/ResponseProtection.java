package dev.bulwark.dataplane.policy.contract;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.ContractValidationConfig;
import dev.bulwark.contracts.policy.ResponseValidationMode;
import dev.bulwark.dataplane.contract.CompiledOperation;
import dev.bulwark.dataplane.contract.ErrorBodies;
import dev.bulwark.dataplane.contract.ResponseChecks;
import dev.bulwark.dataplane.error.Problems;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * The response half of contract validation (OWASP API3, excess data exposure): upstream error
 * bodies that carry stack traces or database errors are replaced by a clean problem with the
 * upstream's status; responses are checked against the operation's declared responses and, per
 * mode, reported, filtered (undeclared properties removed) or refused with 502. The client is never
 * told what was wrong with a response (that would describe the upstream's data); the security event is.
 */
final class ResponseProtection {
    private static final PolicyFailure INVALID = new PolicyFailure(502, "RESPONSE_INVALID",
            "The service's response does not match the operation's contract", Map.of(), SecurityEventType.DATA_EXPOSURE,
            null, List.of());

    private ResponseProtection() {
    }

    static Future<Buffer> inspect(ContractValidationConfig config, RequestContext context, UpstreamResponse response, Buffer body) {
        boolean identity = isIdentity(response.headers().get("content-encoding"));
        if (config.hideErrorDetails() && response.status() >= 400 && identity && ErrorBodies.leaksInternals(body.getBytes())) {
            response.headers().set("content-type", Problems.MEDIA_TYPE);
            context.report(SecurityEventType.DATA_EXPOSURE, "UPSTREAM_ERROR_DETAILS_HIDDEN",
                    new ThreatMatch("upstream-error-details", null, "response", true));
            return Future.succeededFuture(Problems.body(response.status(), "UPSTREAM_ERROR",
                    "The service could not process the request", context.requestId()));
        }
        CompiledRoute route = context.route().route();
        CompiledOperation operation = route.operation() == null ? null : route.contract();
        if (config.responses() == ResponseValidationMode.OFF || operation == null || !operation.hasResponses()) {
            return Future.succeededFuture(body);
        }
        boolean block = config.responses() == ResponseValidationMode.BLOCK;
        if (!identity) {
            return refuse(context, block, "response-encoded", "response", body);
        }
        ResponseChecks.Outcome outcome = ResponseChecks.check(operation, response.status(), response.headers().get("content-type"),
                body.getBytes(), config.responses() == ResponseValidationMode.FILTER);
        if (outcome.clean()) {
            return Future.succeededFuture(body);
        }
        if (block) {
            String where = !outcome.removed().isEmpty() ? outcome.removed().get(0) : outcome.violations().get(0).location();
            return refuse(context, true, "response-contract", where, body);
        }
        if (!outcome.removed().isEmpty()) {
            boolean filtered = config.responses() == ResponseValidationMode.FILTER;
            context.report(SecurityEventType.DATA_EXPOSURE, filtered ? "RESPONSE_FILTERED" : "RESPONSE_INVALID",
                    new ThreatMatch(filtered ? "response-undeclared-properties" : "response-contract", null, outcome.removed().get(0),
                            filtered));
        }
        if (!outcome.violations().isEmpty()) {
            context.report(SecurityEventType.DATA_EXPOSURE, "RESPONSE_INVALID",
                    new ThreatMatch("response-contract", null, outcome.violations().get(0).location(), false));
        }
        return Future.succeededFuture(outcome.body() == null ? body : Buffer.buffer(outcome.body()));
    }

    private static Future<Buffer> refuse(RequestContext context, boolean block, String rule, String location, Buffer body) {
        if (!block) {
            context.report(SecurityEventType.DATA_EXPOSURE, "RESPONSE_INVALID", new ThreatMatch(rule, null, location, false));
            return Future.succeededFuture(body);
        }
        return Future.failedFuture(new PolicyFailure(INVALID.status(), INVALID.key(), INVALID.getMessage(), Map.of(),
                SecurityEventType.DATA_EXPOSURE, new ThreatMatch(rule, null, location, true), List.of()));
    }

    private static boolean isIdentity(String encoding) {
        return encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity");
    }
}
