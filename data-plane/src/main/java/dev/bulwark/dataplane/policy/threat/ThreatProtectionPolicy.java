package dev.bulwark.dataplane.policy.threat;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.EnforcementMode;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatProtectionConfig;
import dev.bulwark.contracts.schema.RecordSchemas;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.Violation;
import dev.bulwark.dataplane.threat.injection.Detection;
import dev.bulwark.dataplane.threat.injection.Exclusion;
import dev.bulwark.dataplane.threat.injection.InjectionEngine;
import dev.bulwark.dataplane.threat.injection.InspectionSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Injection detection at {@link PolicyOrder#THREAT_PROTECTION}: the head (path, query, headers,
 * cookies) when the request arrives, the body once the proxy has buffered it. In block mode the
 * first detection refuses the request with 403 {@code INJECTION_DETECTED}, naming the input and the
 * family but never the value; in report mode it is recorded and the request goes on. Either way
 * the decision becomes a security event ({@code injection}, with rule, family and location) and a
 * count in {@code bulwark.threat.detections{family, mode}}.
 */
public final class ThreatProtectionPolicy implements Policy {
    public static final String KEY = "INJECTION_DETECTED";
    static final String METRIC = "bulwark.threat.detections";

    private final InjectionEngine engine;
    private final boolean block;
    private final long maxBodyBytes;
    private final Map<ThreatFamily, Counter> counters = new EnumMap<>(ThreatFamily.class);

    public ThreatProtectionPolicy(ThreatProtectionConfig config, MeterRegistry metrics) {
        this.engine = new InjectionEngine(settings(config));
        this.block = config.mode() == EnforcementMode.BLOCK;
        this.maxBodyBytes = config.maxInspectedBodyBytes();
        String mode = RecordSchemas.enumWireNames(EnforcementMode.class).get(config.mode().ordinal());
        List<String> families = RecordSchemas.enumWireNames(ThreatFamily.class);
        for (ThreatFamily family : ThreatFamily.values()) {
            counters.put(family, Counter.builder(METRIC).description("Requests in which threat protection found an injection")
                    .tag("family", families.get(family.ordinal())).tag("mode", mode).register(metrics));
        }
    }

    static InspectionSettings settings(ThreatProtectionConfig config) {
        List<Exclusion> exclusions = config.exclusions().stream()
                .map(e -> Exclusion.of(e.location(), e.families().isEmpty() ? Set.of() : EnumSet.copyOf(e.families()),
                        new HashSet<>(e.ruleIds())))
                .toList();
        return new InspectionSettings(config.families().isEmpty() ? EnumSet.allOf(ThreatFamily.class) : EnumSet.copyOf(config.families()),
                config.sensitivity(), exclusions);
    }

    @Override
    public String id() {
        return PolicyType.THREAT_PROTECTION;
    }

    @Override
    public int order() {
        return PolicyOrder.THREAT_PROTECTION;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        HttpServerRequest request = context.request();
        return decide(context, engine.inspectHead(request.path(), request.query(), request.headers(), ContractHints.of(context)));
    }

    @Override
    public boolean inspectsRequestBody() {
        return true;
    }

    @Override
    public long maxRequestBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public Future<Void> onRequestBody(RequestContext context, Buffer body) {
        if (body.length() == 0) {
            return CONTINUE;
        }
        byte[] bytes = body.getBytes();
        return decide(context, engine.inspectBody(context.request().getHeader("Content-Type"), bytes, bytes.length,
                ContractHints.of(context)));
    }

    private Future<Void> decide(RequestContext context, Detection detection) {
        if (detection == null) {
            return CONTINUE;
        }
        counters.get(detection.family()).increment();
        String location = Locations.printable(detection.location());
        ThreatMatch match = new ThreatMatch(detection.ruleId(), detection.family(), location, block);
        if (!block) {
            context.report(SecurityEventType.INJECTION, KEY, match);
            return CONTINUE;
        }
        String family = Families.wireName(detection.family());
        return Future.failedFuture(new PolicyFailure(403, KEY, "The request carries an injection attack (" + family + ") in " + location,
                Map.of(), SecurityEventType.INJECTION, match, List.of(new Violation(location, family + " injection"))));
    }
}
