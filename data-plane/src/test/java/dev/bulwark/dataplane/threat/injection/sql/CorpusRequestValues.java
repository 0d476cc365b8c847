package dev.bulwark.dataplane.threat.injection.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The input values of a raw HTTP/1.1 request, taken apart just well enough to measure a detector on
 * a corpus: path and its segments, query and form parameters (names and values), JSON keys and
 * strings, XML attributes and text, multipart fields, cookies and header values, each
 * percent-decoded (and decoded a second time when the first pass leaves escapes). The gateway's
 * real extraction and normalisation belong to the injection engine; this is a measuring aid.
 */
final class CorpusRequestValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STRUCTURAL_HEADERS = Set.of("host", "content-length", "content-type", "connection",
            "transfer-encoding", "keep-alive", "proxy-connection", "accept-encoding", "te", "upgrade", "expect");

    private CorpusRequestValues() {
    }

    static List<String> of(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        byte[] body = headEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        String[] lines = head.split("\r\n");
        Set<String> values = new LinkedHashSet<>();
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length > 1) {
            target(requestLine[1], values);
        }
        String contentType = "";
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-type")) {
                contentType = value.toLowerCase(Locale.ROOT);
            }
            if (name.equals("cookie")) {
                for (String pair : value.split(";")) {
                    pairs(pair.trim(), values);
                }
            } else if (!STRUCTURAL_HEADERS.contains(name)) {
                add(value, values);
            }
        }
        body(body, contentType, values);
        return new ArrayList<>(values);
    }

    private static void target(String target, Set<String> values) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        int hash = path.indexOf('#');
        path = hash < 0 ? path : path.substring(0, hash);
        add(path, values);
        for (String segment : path.split("/")) {
            add(segment, values);
        }
        if (q >= 0) {
            String query = target.substring(q + 1);
            int fragment = query.indexOf('#');
            form(fragment < 0 ? query : query.substring(0, fragment), values);
        }
    }

    private static void body(byte[] body, String contentType, Set<String> values) {
        if (body.length == 0) {
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType.contains("json")) {
            try {
                json(JSON.readTree(text), values);
                return;
            } catch (Exception malformed) {
                add(text, values);
                return;
            }
        }
        if (contentType.contains("xml")) {
            xml(text, values);
            return;
        }
        if (contentType.startsWith("multipart/")) {
            int b = contentType.indexOf("boundary=");
            if (b >= 0) {
                multipart(text, contentType.substring(b + 9).replace("\"", "").split(";")[0].trim(), values);
                return;
            }
        }
        form(text, values);
        if (!contentType.contains("x-www-form-urlencoded")) {
            add(text, values);
        }
    }

    private static void form(String encoded, Set<String> values) {
        for (String pair : encoded.split("&")) {
            pairs(pair, values);
        }
    }

    private static void pairs(String pair, Set<String> values) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
            add(pair, values);
        } else {
            add(pair.substring(0, eq), values);
            add(pair.substring(eq + 1), values);
        }
    }

    private static void json(JsonNode node, Set<String> values) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                structured(field.getKey(), values);
                json(field.getValue(), values);
            }
        } else if (node.isArray()) {
            node.forEach(element -> json(element, values));
        } else if (!node.isNull()) {
            structured(node.asText(), values);
        }
    }

    /** Attribute values and text nodes, entities decoded; a scan, not a parser. */
    private static void xml(String text, Set<String> values) {
        int i = 0;
        while (i < text.length()) {
            int lt = text.indexOf('<', i);
            if (lt < 0) {
                structured(entities(text.substring(i)), values);
                return;
            }
            if (lt > i) {
                structured(entities(text.substring(i, lt)), values);
            }
            int gt = text.indexOf('>', lt);
            if (gt < 0) {
                return;
            }
            String tag = text.substring(lt, gt);
            for (int q = tag.indexOf('"'); q >= 0; ) {
                int close = tag.indexOf('"', q + 1);
                if (close < 0) {
                    break;
                }
                structured(entities(tag.substring(q + 1, close)), values);
                q = tag.indexOf('"', close + 1);
            }
            i = gt + 1;
        }
    }

    private static void multipart(String text, String boundary, Set<String> values) {
        for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            int length = 4;
            if (split < 0) {
                split = part.indexOf("\n\n");
                length = 2;
            }
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            for (String attribute : new String[] {"name=\"", "filename=\""}) {
                int at = headers.indexOf(attribute);
                if (at >= 0) {
                    int end = headers.indexOf('"', at + attribute.length());
                    raw(headers.substring(at + attribute.length(), end < 0 ? headers.length() : end), values);
                }
            }
            structured(part.substring(split + length).replaceAll("\r?\n$", ""), values);
        }
    }

    private static String entities(String text) {
        return text.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x7B;", "{").replace("&#x7D;", "}").replace("&amp;", "&");
    }

    private static void add(String encoded, Set<String> values) {
        String once = percentDecode(encoded);
        raw(once, values);
        if (once.matches("(?s).*%[0-9A-Fa-f]{2}.*")) {
            raw(percentDecode(once), values);
        }
    }

    private static void raw(String value, Set<String> values) {
        if (!value.isBlank()) {
            values.add(value);
        }
    }

    /** A value from a structured body: as written, and percent-decoded when it holds escapes. */
    private static void structured(String value, Set<String> values) {
        raw(value, values);
        if (value.matches("(?s).*%[0-9A-Fa-f]{2}.*")) {
            add(value, values);
        }
    }

    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if (c < 0x100) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = out.toByteArray();
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        return utf8.indexOf('\uFFFD') >= 0 ? new String(bytes, StandardCharsets.ISO_8859_1) : utf8;
    }
}
