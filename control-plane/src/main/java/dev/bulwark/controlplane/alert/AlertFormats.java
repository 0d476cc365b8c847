package dev.bulwark.controlplane.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.incident.IncidentView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documents a channel sends for an {@link AlertEvent}: Slack message, CEF and JSON lines in syslog frames. */
final class AlertFormats {
    private static final int FACILITY_AUTHPRIV = 10;

    private final ObjectMapper json;

    AlertFormats(ObjectMapper json) {
        this.json = json;
    }

    /** A Slack incoming-webhook message: a plain {@code text} fallback and one section block. */
    byte[] slack(AlertEvent event) {
        String title = "*[" + event.severity().toUpperCase(java.util.Locale.ROOT) + "] " + event.detector() + "*";
        String text = title + "\n" + event.summary() + (event.link() == null ? "" : "\n<" + event.link() + "|Open in Bulwark>");
        Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text));
        return write(Map.of("text", title + " " + event.summary(), "blocks", List.of(section)));
    }

    /** One event as a JSON line (no line breaks inside: JSON escapes them). */
    String jsonLine(AlertEvent event) {
        return new String(write(event), StandardCharsets.UTF_8);
    }

    /** ArcSight Common Event Format, version 0. */
    static String cef(AlertEvent event) {
        IncidentView incident = event.incident();
        Map<String, String> extension = new LinkedHashMap<>();
        extension.put("rt", Long.toString(event.occurredAt().toEpochMilli()));
        extension.put("act", event.type());
        if (incident != null) {
            extension.put("externalId", incident.id().toString());
            if ("client-address".equals(incident.subjectKind())) {
                extension.put("src", incident.subject());
            }
            if (incident.applicationId() != null) {
                extension.put("suser", incident.applicationId());
            }
            extension.put("cnt", Long.toString(incident.eventCount()));
            extension.put("outcome", incident.status());
            if (incident.apiId() != null) {
                extension.put("cs1Label", "apiId");
                extension.put("cs1", incident.apiId());
            }
        }
        if (event.link() != null) {
            extension.put("request", event.link());
        }
        if (event.event() != null) {
            forwarded(event.event(), extension);
        }
        StringBuilder line = new StringBuilder("CEF:0|Bulwark|Bulwark|1|")
                .append(header(event.detector())).append('|').append(header(event.summary())).append('|')
                .append(cefSeverity(event.severity())).append('|');
        String separator = "";
        for (Map.Entry<String, String> field : extension.entrySet()) {
            line.append(separator).append(field.getKey()).append('=').append(extensionValue(field.getValue()));
            separator = " ";
        }
        return line.toString();
    }

    /** CEF extension keys of a forwarded security event. */
    private static void forwarded(ForwardedEvent event, Map<String, String> extension) {
        extension.put("externalId", event.eventId());
        extension.put("reason", event.errorKey());
        putIfPresent(extension, "src", event.clientIp());
        putIfPresent(extension, "suser", event.applicationId());
        putIfPresent(extension, "requestMethod", event.method());
        putIfPresent(extension, "request", event.path());
        if (event.apiId() != null) {
            extension.put("cs1Label", "apiId");
            extension.put("cs1", event.apiId());
        }
        if (event.ruleId() != null) {
            extension.put("cs2Label", "ruleId");
            extension.put("cs2", event.ruleId());
        }
        if (event.location() != null) {
            extension.put("cs3Label", "location");
            extension.put("cs3", event.location());
        }
        if (event.blocked() != null) {
            extension.put("outcome", event.blocked() ? "blocked" : "reported");
        }
    }

    private static void putIfPresent(Map<String, String> extension, String key, String value) {
        if (value != null) {
            extension.put(key, value);
        }
    }

    /**
     * An RFC 5424 syslog message carrying {@code message}, framed for TCP: octet counting over TLS
     * (RFC 5425), a trailing line feed over plain TCP (RFC 6587 non-transparent framing).
     */
    static byte[] syslogFrame(AlertEvent event, String message, boolean octetCounting) {
        int priority = FACILITY_AUTHPRIV * 8 + syslogSeverity(event.severity());
        String timestamp = event.occurredAt().truncatedTo(ChronoUnit.MILLIS).toString();
        String msgid = event.event() != null ? "security-event" : event.incident() == null ? "test" : "incident";
        String text = "<" + priority + ">1 " + timestamp + " - bulwark - " + msgid + " - " + message.replace('\n', ' ');
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!octetCounting) {
            byte[] framed = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, framed, 0, bytes.length);
            framed[bytes.length] = '\n';
            return framed;
        }
        byte[] prefix = (bytes.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + bytes.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(bytes, 0, framed, prefix.length, bytes.length);
        return framed;
    }

    static AlertEvent testEvent(Instant now) {
        return new AlertEvent("test", now, "low", "test", "Test alert from Bulwark: this channel is reachable", null, null,
                null);
    }

    private static int cefSeverity(String severity) {
        return switch (severity) {
            case "critical" -> 10;
            case "high" -> 8;
            case "medium" -> 5;
            default -> 3;
        };
    }

    private static int syslogSeverity(String severity) {
        return switch (severity) {
            case "critical" -> 2;
            case "high" -> 3;
            case "medium" -> 4;
            default -> 5;
        };
    }

    private static String header(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace('\r', ' ').replace('\n', ' ');
    }

    private static String extensionValue(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n");
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
