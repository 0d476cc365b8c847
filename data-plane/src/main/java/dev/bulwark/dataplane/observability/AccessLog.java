package dev.bulwark.dataplane.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the {@code bulwark.access} logger (an async appender in
 * logback.xml). Only identifiers and figures: the path is logged without its query string (which
 * may carry keys), and no header value is ever logged.
 */
public final class AccessLog {
    static final Logger LOG = LoggerFactory.getLogger("bulwark.access");

    private AccessLog() {
    }

    public static boolean enabled() {
        return LOG.isInfoEnabled();
    }

    /** Fields of one line; filled by the pipeline, written once. */
    public static final class Entry {
        public long epochMillis;
        public String requestId;
        public String traceId;
        public String method;
        public String path;
        public int status;
        public double durationMs;
        public double upstreamMs = -1;
        public long bytesIn;
        public long bytesOut;
        public String apiId;
        public String tenantId;
        public String applicationId;
        public String keyId;
        public String route;
        public String clientIp;
        public String errorKey;

        public void write() {
            StringBuilder line = new StringBuilder(320);
            line.append("{\"time\":\"").append(java.time.Instant.ofEpochMilli(epochMillis)).append('"');
            field(line, "requestId", requestId);
            field(line, "traceId", traceId);
            field(line, "method", method);
            field(line, "path", path);
            line.append(",\"status\":").append(status);
            line.append(",\"durationMs\":").append(round(durationMs));
            if (upstreamMs >= 0) {
                line.append(",\"upstreamMs\":").append(round(upstreamMs));
            }
            line.append(",\"bytesIn\":").append(bytesIn).append(",\"bytesOut\":").append(bytesOut);
            field(line, "apiId", apiId);
            field(line, "tenantId", tenantId);
            field(line, "applicationId", applicationId);
            field(line, "keyId", keyId);
            field(line, "route", route);
            field(line, "clientIp", clientIp);
            field(line, "errorKey", errorKey);
            LOG.info(line.append('}').toString());
        }

        private static double round(double millis) {
            return Math.round(millis * 1000) / 1000.0;
        }

        private static void field(StringBuilder line, String name, String value) {
            if (value == null) {
                return;
            }
            line.append(",\"").append(name).append("\":\"");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> line.append("\\\"");
                    case '\\' -> line.append("\\\\");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            line.append(String.format("\\u%04x", (int) c));
                        } else {
                            line.append(c);
                        }
                    }
                }
            }
            line.append('"');
        }
    }
}
