package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.RequestContext;
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
