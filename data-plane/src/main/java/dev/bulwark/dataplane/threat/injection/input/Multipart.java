package dev.bulwark.dataplane.threat.injection.input;

import java.nio.charset.StandardCharsets;

/**
 * Splits a {@code multipart/form-data} body into parts (RFC 7578): each part's field name, file
 * name and content, the content dispatched by the part's own media type (a JSON part is walked as
 * JSON). One forward pass; the boundary search is bounded by the boundary's length (at most 70 bytes
 * by RFC 2046), so the cost stays linear.
 */
final class Multipart {
    static final int MAX_PARTS = 1_000;

    private Multipart() {
    }

    static boolean walk(byte[] b, int from, int to, String boundary, BodyInputs bodies, InputSink sink) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = find(b, from, to, delimiter);
        for (int parts = 0; at >= 0 && parts < MAX_PARTS; parts++) {
            int i = at + delimiter.length;
            if (i + 1 < to && b[i] == '-' && b[i + 1] == '-') {
                return false; // closing delimiter
            }
            i = lineEnd(b, i, to);
            String name = "";
            String filename = null;
            String type = null;
            while (i < to) {
                int end = lineEnd(b, i, to);
                int contentEnd = end >= 2 && b[end - 2] == '\r' ? end - 2 : end - 1;
                if (contentEnd <= i) {
                    i = end;
                    break; // blank line: the headers are over
                }
                String line = new String(b, i, contentEnd - i, StandardCharsets.UTF_8);
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String header = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    if (header.equalsIgnoreCase("content-disposition")) {
                        name = orEmpty(parameter(value, "name"));
                        filename = parameter(value, "filename");
                    } else if (header.equalsIgnoreCase("content-type")) {
                        type = value;
                    }
                }
                i = end;
            }
            int next = find(b, i, to, delimiter);
            int contentEnd = next < 0 ? to : next;
            if (contentEnd > i && b[contentEnd - 1] == '\n') {
                contentEnd -= contentEnd - 2 >= i && b[contentEnd - 2] == '\r' ? 2 : 1;
            }
            if (part(b, i, Math.max(i, contentEnd), name, filename, MediaType.parse(type), bodies, sink)) {
                return true;
            }
            at = next;
        }
        return false;
    }

    private static boolean part(byte[] b, int from, int to, String name, String filename, MediaType type, BodyInputs bodies,
                                InputSink sink) {
        String location = "multipart." + name;
        if (filename != null && sink.value(InputKind.FILENAME, location + ".filename", filename)) {
            return true;
        }
        if (type.isJson() || type.isXml()) {
            return sink.parameter(InputSink.Source.MULTIPART, name, "") || bodies.structured(b, from, to, type, location, sink);
        }
        if (filename != null && (type.isBinary() || type.type().isEmpty())) {
            return sink.parameter(InputSink.Source.MULTIPART, name, "") || bodies.binary(b, from, to, location, sink);
        }
        return sink.parameter(InputSink.Source.MULTIPART, name, BodyInputs.text(b, from, to));
    }

    /** A Content-Disposition parameter, quoted or not; RFC 5987 {@code name*} is read as its plain form. */
    static String parameter(String disposition, String wanted) {
        int n = disposition.length();
        for (int i = disposition.indexOf(';'); i >= 0 && i < n; ) {
            int eq = disposition.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String key = disposition.substring(i + 1, eq).trim();
            int start = eq + 1;
            while (start < n && disposition.charAt(start) == ' ') {
                start++;
            }
            StringBuilder value = new StringBuilder();
            int end = start;
            if (start < n && disposition.charAt(start) == '"') {
                for (end = start + 1; end < n && disposition.charAt(end) != '"'; end++) {
                    char c = disposition.charAt(end);
                    if (c == '\\' && end + 1 < n && disposition.charAt(end + 1) == '"') {
                        c = disposition.charAt(++end); // only \" is an escape: browsers send Windows paths as-is
                    }
                    value.append(c);
                }
                end = disposition.indexOf(';', Math.min(end + 1, n));
            } else {
                end = disposition.indexOf(';', start);
                value.append(disposition, start, end < 0 ? n : end);
            }
            if (key.equalsIgnoreCase(wanted) || key.equalsIgnoreCase(wanted + "*")) {
                String v = value.toString().trim();
                int quote = v.indexOf("''");
                return key.endsWith("*") && quote >= 0 ? v.substring(quote + 2) : v;
            }
            i = end;
        }
        return null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static int lineEnd(byte[] b, int i, int to) {
        while (i < to && b[i] != '\n') {
            i++;
        }
        return Math.min(i + 1, to);
    }

    private static int find(byte[] b, int from, int to, byte[] needle) {
        byte first = needle[0];
        for (int i = from, last = to - needle.length; i <= last; i++) {
            if (b[i] == first && regionMatches(b, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(byte[] b, int at, byte[] needle) {
        for (int k = 1; k < needle.length; k++) {
            if (b[at + k] != needle[k]) {
                return false;
            }
        }
        return true;
    }
}
