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
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
            LOG.info(format());
        }

        /** The JSON line. */
        public String format() {
            StringBuilder line = new StringBuilder(320);
            Timestamps.append(line.append("{\"time\":\""), epochMillis).append('"');
            field(line, "requestId", requestId);
            field(line, "traceId", traceId);
            field(line, "method", method);
            field(line, "path", path);
            line.append(",\"status\":").append(status);
            millis(line.append(",\"durationMs\":"), durationMs);
            if (upstreamMs >= 0) {
                millis(line.append(",\"upstreamMs\":"), upstreamMs);
            }
            line.append(",\"bytesIn\":").append(bytesIn).append(",\"bytesOut\":").append(bytesOut);
            field(line, "apiId", apiId);
            field(line, "tenantId", tenantId);
            field(line, "applicationId", applicationId);
            field(line, "keyId", keyId);
            field(line, "route", route);
            field(line, "clientIp", clientIp);
            field(line, "errorKey", errorKey);
            return line.append('}').toString();
        }

        /**
         * Milliseconds rounded to the microsecond, as {@code Double.toString} of the rounded value
         * writes them ("12.5", "3.0", "0.125"), but appended digit by digit without a string of its own.
         */
        static void millis(StringBuilder line, double millis) {
            long micros = Math.round(millis * 1000);
            if (micros < 0 || micros >= 10_000_000_000L) {
                line.append(micros / 1000.0); // never on the normal path; Double.toString's form
                return;
            }
            line.append(micros / 1000).append('.');
            int fraction = (int) (micros % 1000);
            if (fraction == 0) {
                line.append('0');
                return;
            }
            line.append((char) ('0' + fraction / 100));
            if (fraction % 100 != 0) {
                line.append((char) ('0' + fraction / 10 % 10));
                if (fraction % 10 != 0) {
                    line.append((char) ('0' + fraction % 10));
                }
            }
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
                            line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
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
