package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.observability.AccessLog;
import dev.bulwark.dataplane.pipeline.TraceContext;
import dev.bulwark.dataplane.model.Violation;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.time.Instant;

/** What one finished exchange leaves behind: metrics, the usage and security events, the access log line. */
final class ExchangeRecords {
    private ExchangeRecords() {
    }

    static void securityEvent(ProxyServices services, RequestContext context, SecurityEventType type, String key,
                              ThreatMatch threat) {
        CompiledRoute route = context.route().route();
        HttpServerRequest request = context.request();
        Consumer consumer = context.consumer();
        services.events().security(new SecurityEvent(context.requestId(), Instant.now(), services.environment(), type, key,
                route.api().tenantId(), route.api().apiId(), consumer == null ? null : consumer.applicationId(),
                context.clientIp(), request.method().name(), request.path(), null, threat));
    }

    /**
     * The request's endpoint for the incident detectors: the operation, or the undeclared path a
     * fallback route forwarded (an API without operations declares nothing, so it has no shadow paths).
     */
    private static void endpoint(ProxyServices services, RequestContext context, CompiledRoute route, Consumer consumer,
                                 int status, boolean upstreamAnswered) {
        if (route.operation() == null && route.api().operations().isEmpty()) {
            return;
        }
        String template = route.operation() == null ? null : route.operation().pathTemplate();
        services.events().endpoint(route.api().tenantId(), route.api().apiId(), route.operation() == null ? null : route.label(),
                template != null && template.indexOf('{') >= 0, consumer == null ? null : consumer.applicationId(),
                consumer == null ? null : consumer.keyId(), context.clientIp(), context.request().method().name(),
                context.route().upstreamPath(), upstreamAnswered && (status == 403 || status == 404), 0);
    }

    /**
     * A request the router refused under a known API (no operation matches, no fallback route): an
     * undeclared endpoint of that API, as a forwarded one would be, with the status the gateway answered.
     */
    static void refused(ProxyServices services, RouteMatch.Refusal refusal, String method, String path, String clientIp) {
        if (refusal.api() == null) {
            return;
        }
        services.events().endpoint(refusal.api().tenantId(), refusal.api().apiId(), null, false, null, null, clientIp, method,
                refusal.relativePath(path), false, refusal.status());
    }

    static void finished(ProxyServices services, RequestContext context, int status, long upstreamNanos, String traceparent,
                         String errorKey) {
        for (RequestContext.Finding finding : context.findings()) {
            securityEvent(services, context, finding.type(), finding.key(), finding.threat());
        }
        CompiledRoute route = context.route().route();
        HttpServerRequest request = context.request();
        long nanos = System.nanoTime() - context.startNanos();
        String apiId = route.api().apiId();
        services.metrics().request(apiId, request.method().name(), status, nanos);
        Consumer consumer = context.consumer();
        long bytesIn = request.bytesRead();
        long bytesOut = request.response().bytesWritten();
        services.events().request(route.api().tenantId(), apiId, consumer == null ? null : consumer.applicationId(),
                consumer == null ? null : consumer.keyId(), status, nanos / 1_000, bytesIn, bytesOut);
        endpoint(services, context, route, consumer, status, upstreamNanos >= 0 && errorKey == null);
        if (!AccessLog.enabled()) {
            return;
        }
        AccessLog.Entry entry = new AccessLog.Entry();
        entry.epochMillis = System.currentTimeMillis();
        entry.requestId = context.requestId();
        entry.traceId = TraceContext.traceId(traceparent);
        entry.method = request.method().name();
        entry.path = request.path();
        entry.status = status;
        entry.durationMs = nanos / 1e6;
        entry.upstreamMs = upstreamNanos < 0 ? -1 : upstreamNanos / 1e6;
        entry.bytesIn = bytesIn;
        entry.bytesOut = bytesOut;
        entry.apiId = apiId;
        entry.tenantId = route.api().tenantId();
        if (consumer != null) {
            entry.applicationId = consumer.applicationId();
            entry.keyId = consumer.keyId();
        }
        entry.route = route.label();
        entry.clientIp = context.clientIp();
        entry.errorKey = errorKey;
        entry.write();
    }
}
