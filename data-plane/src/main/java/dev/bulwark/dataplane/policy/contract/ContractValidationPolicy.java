package dev.bulwark.dataplane.policy.contract;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.ContractValidationConfig;
import dev.bulwark.contracts.policy.EnforcementMode;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.ResponseValidationMode;
import dev.bulwark.dataplane.contract.BodyChecks;
import dev.bulwark.dataplane.contract.CompiledOperation;
import dev.bulwark.dataplane.contract.ContractViolation;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.UpstreamResponse;
import dev.bulwark.dataplane.model.Violation;
import dev.bulwark.dataplane.pipeline.QueryStrings;
import dev.bulwark.dataplane.threat.JsonLimits;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Enforces the operation's contract, the API's OpenAPI document, as a positive model: requests to
 * operations the document does not define (404), parameters that do not decode or do not match
 * their schemas, bodies the operation does not take, misses or types differently (415), and bodies
 * beyond the structure limits (413) are refused with one problem listing each violation by location.
 * In report mode each finding becomes a security event and the request goes on unchanged.
 *
 * <p>Everything is compiled when the snapshot is applied (the route's {@link CompiledOperation});
 * per request this decodes the parameters, scans the body once and validates it.
 */
public final class ContractValidationPolicy implements Policy {
    private final ContractValidationConfig config;
    private final boolean block;
    private final JsonLimits jsonLimits;

    public ContractValidationPolicy(ContractValidationConfig config) {
        this.config = config;
        this.block = config.mode() == EnforcementMode.BLOCK;
        this.jsonLimits = BodyChecks.jsonLimits(config.limits());
    }

    public ContractValidationConfig config() {
        return config;
    }

    @Override
    public String id() {
        return PolicyType.CONTRACT_VALIDATION;
    }

    @Override
    public int order() {
        return PolicyOrder.VALIDATION;
    }

    @Override
    public boolean inspectsRequestBody() {
        return true;
    }

    @Override
    public long maxRequestBodyBytes() {
        return config.limits().maxBodyBytes();
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        CompiledRoute route = context.route().route();
        if (validatesResponses(route)) {
            // Responses are inspected as sent: ask the upstream for an uncompressed one.
            context.request().headers().remove("accept-encoding");
        }
        if (route.operation() == null) {
            return config.rejectUndefinedOperations()
                    ? refuse(context, 404, "OPERATION_NOT_DEFINED", "The API's contract defines no such operation",
                            List.of(), "contract-undefined-operation", "path")
                    : CONTINUE;
        }
        CompiledOperation operation = route.contract();
        if (operation == null) {
            return CONTINUE;
        }
        if (operation.broken() != null) {
            return refuse(context, 503, "CONTRACT_UNAVAILABLE", "The operation's contract could not be loaded", List.of(),
                    "contract-unavailable", "path");
        }
        if (!config.validateParameters()) {
            return CONTINUE;
        }
        String sent = QueryStrings.without(context.request().query(), "_method");
        String forwarded = context.upstreamQuery() == null ? sent : QueryStrings.without(context.upstreamQuery(), "_method");
        List<ContractViolation> violations = operation.checkParameters(context.route().upstreamPath(), sent, forwarded,
                context.request().headers(), config.allowUnknownQueryParameters());
        return violations.isEmpty() ? CONTINUE
                : refuse(context, 400, "REQUEST_INVALID", "The request does not match the operation's contract", violations,
                        "contract-parameters", null);
    }

    @Override
    public Future<Void> onRequestBody(RequestContext context, Buffer body) {
        CompiledRoute route = context.route().route();
        CompiledOperation operation = route.operation() == null ? null : route.contract();
        if (operation != null && operation.broken() != null) {
            operation = null; // refused (or reported) in onRequest; only the limits apply now
        }
        BodyChecks.Refusal refusal = BodyChecks.check(operation, context.request().getHeader("content-type"), body.getBytes(),
                config.limits(), jsonLimits, config.validateBody());
        if (refusal == null) {
            return CONTINUE;
        }
        return refuse(context, refusal.status(), refusal.key(), refusal.detail(), refusal.violations(), ruleOf(refusal), "body");
    }

    @Override
    public boolean inspectsResponseBody(RequestContext context, int status) {
        return validatesResponses(context.route().route()) || (config.hideErrorDetails() && status >= 400);
    }

    @Override
    public long maxResponseBodyBytes() {
        return config.maxResponseBodyBytes();
    }

    @Override
    public Future<Buffer> onResponseBody(RequestContext context, UpstreamResponse response, Buffer body) {
        return ResponseProtection.inspect(config, context, response, body);
    }

    private boolean validatesResponses(CompiledRoute route) {
        return config.responses() != ResponseValidationMode.OFF && route.operation() != null && route.contract() != null
                && route.contract().hasResponses();
    }

    private Future<Void> refuse(RequestContext context, int status, String key, String detail, List<ContractViolation> found,
                                String rule, String location) {
        String where = !found.isEmpty() ? found.get(0).location() : location != null ? location : "request";
        SecurityEventType type = status == 413 ? SecurityEventType.REQUEST_TOO_LARGE
                : status >= 500 ? SecurityEventType.POLICY_BLOCKED : SecurityEventType.CONTRACT_VIOLATION;
        ThreatMatch threat = new ThreatMatch(rule, null, where, block);
        if (!block) {
            context.report(type, key, threat);
            return CONTINUE;
        }
        List<Violation> violations = new ArrayList<>(found.size());
        for (ContractViolation violation : found) {
            violations.add(new Violation(violation.location(), violation.reason()));
        }
        return Future.failedFuture(new PolicyFailure(status, key, detail, Map.of(), type, threat, violations));
    }

    private static String ruleOf(BodyChecks.Refusal refusal) {
        return switch (refusal.key()) {
            case "UNSUPPORTED_MEDIA_TYPE" -> "contract-media-type";
            case "BODY_LIMIT_EXCEEDED" -> "body-limit";
            case "BODY_MALFORMED" -> "body-malformed";
            case "XML_DTD_FORBIDDEN" -> "xml-dtd";
            default -> "contract-body";
        };
    }
}
