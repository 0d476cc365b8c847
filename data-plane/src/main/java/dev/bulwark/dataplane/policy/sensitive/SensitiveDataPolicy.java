package dev.bulwark.dataplane.policy.sensitive;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.SensitiveDataAction;
import dev.bulwark.contracts.policy.SensitiveDataConfig;
import dev.bulwark.contracts.policy.SensitiveDataKind;
import dev.bulwark.contracts.schema.RecordSchemas;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.UpstreamResponse;
import dev.bulwark.dataplane.sensitive.SensitiveDataScanner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sensitive data in responses (OWASP API3): the upstream's body is scanned before a byte reaches
 * the client, and each card number, IBAN, national id, key or token found is masked in place, or
 * the response is refused with 502 {@code SENSITIVE_DATA_BLOCKED}, or it is reported and relayed.
 * The client is never told what was found; the security event ({@code data-exposure}) names the
 * kind and never carries the value. Bodies the gateway cannot read (compressed, or over the bound)
 * are refused unless the action is report: what cannot be inspected is not relayed.
 */
public final class SensitiveDataPolicy implements Policy {
    public static final String KEY_BLOCKED = "SENSITIVE_DATA_BLOCKED";
    public static final String KEY_MASKED = "SENSITIVE_DATA_MASKED";
    public static final String KEY_REPORTED = "SENSITIVE_DATA_FOUND";
    static final String METRIC = "bulwark.sensitive.findings";

    private final SensitiveDataConfig config;
    private final SensitiveDataScanner scanner;
    private final Map<SensitiveDataKind, Counter> counters = new EnumMap<>(SensitiveDataKind.class);

    public SensitiveDataPolicy(SensitiveDataConfig config, MeterRegistry metrics) {
        this.config = config;
        this.scanner = new SensitiveDataScanner(EnumSet.copyOf(config.kinds()), config.keepLast());
        String action = RecordSchemas.enumWireNames(SensitiveDataAction.class).get(config.action().ordinal());
        List<String> kinds = RecordSchemas.enumWireNames(SensitiveDataKind.class);
        for (SensitiveDataKind kind : config.kinds()) {
            counters.put(kind, Counter.builder(METRIC).description("Responses in which sensitive data was found")
                    .tag("kind", kinds.get(kind.ordinal())).tag("action", action).register(metrics));
        }
    }

    @Override
    public String id() {
        return PolicyType.SENSITIVE_DATA;
    }

    /** Response hooks run in reverse chain order: placed last, this one sees the response first, as the upstream sent it. */
    @Override
    public int order() {
        return PolicyOrder.RESPONSE_PROTECTION;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        context.request().headers().remove("accept-encoding"); // inspect what is sent: ask for an uncompressed response
        return CONTINUE;
    }

    @Override
    public boolean inspectsResponseBody(RequestContext context, int status) {
        return true;
    }

    @Override
    public long maxResponseBodyBytes() {
        return config.maxInspectedBodyBytes();
    }

    @Override
    public Future<Buffer> onResponseBody(RequestContext context, UpstreamResponse response, Buffer body) {
        if (body.length() == 0) {
            return Future.succeededFuture(body);
        }
        String encoding = response.headers().get("content-encoding");
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
            return decide(context, body, "sensitive-unreadable", null, false);
        }
        byte[] bytes = body.getBytes();
        boolean mask = config.action() == SensitiveDataAction.MASK;
        SensitiveDataScanner.Result result = scanner.scan(bytes, bytes.length, json(response.headers().get("content-type")), mask, !mask);
        if (result.count() == 0) {
            return Future.succeededFuture(body);
        }
        counters.get(result.first().kind()).increment();
        // past the bound the rest of the body is unmasked: refused rather than relayed half-masked
        boolean masked = mask && result.count() < SensitiveDataScanner.MAX_FINDINGS;
        return decide(context, masked ? Buffer.buffer(bytes) : body, result.first().ruleId(), result, masked);
    }

    private Future<Buffer> decide(RequestContext context, Buffer body, String ruleId, SensitiveDataScanner.Result result, boolean masked) {
        SensitiveDataAction action = config.action();
        if (action == SensitiveDataAction.REPORT) {
            context.report(SecurityEventType.DATA_EXPOSURE, KEY_REPORTED, new ThreatMatch(ruleId, null, "response", false));
            return Future.succeededFuture(body);
        }
        if (masked) {
            context.report(SecurityEventType.DATA_EXPOSURE, KEY_MASKED, new ThreatMatch(ruleId, null, "response", true));
            return Future.succeededFuture(body);
        }
        ThreatMatch match = new ThreatMatch(ruleId, null, "response", true);
        String message = result == null ? "The service's response could not be inspected"
                : "The service's response carried sensitive data and was withheld";
        return Future.failedFuture(new PolicyFailure(502, KEY_BLOCKED, message, Map.of(), SecurityEventType.DATA_EXPOSURE, match,
                List.of()));
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return media.equals("application/json") || media.endsWith("+json");
    }
}
