package dev.bulwark.dataplane.threat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a {@code multipart/*} body (RFC 2046, {@code multipart/form-data} per RFC 7578) into its
 * parts in one forward pass, bounded: at most {@code maxParts} parts, each at most
 * {@code maxPartBytes}, part headers at most 8 KiB. The boundary search compares at most the
 * delimiter's length (&le; 74 bytes) per position, so the cost stays linear in the body.
 * Parts are offsets into the body: nothing is copied.
 */
public final class Multipart {
    static final int MAX_HEADER_BYTES = 8_192;

    public enum Verdict { OK, MALFORMED, TOO_MANY_PARTS, PART_TOO_LARGE }

    /**
     * One part: its form field name and file name from Content-Disposition (null when absent), its
     * Content-Type (null when absent), and where its content lies in the body.
     */
    public record Part(String name, String filename, String contentType, int from, int to) {
        public int length() {
            return to - from;
        }
    }

    public record Result(Verdict verdict, List<Part> parts) {
        public boolean ok() {
            return verdict == Verdict.OK;
        }
    }

    private Multipart() {
    }

    public static Result parse(byte[] body, int from, int to, String boundary, int maxParts, int maxPartBytes) {
        if (!validBoundary(boundary)) {
            return new Result(Verdict.MALFORMED, List.of());
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        // The first delimiter may open the body or follow a preamble and a CRLF.
        int at = startsWith(body, from, to, delimiter) ? from : indexOf(body, from, to, crlf(delimiter));
        if (at < 0) {
            return new Result(Verdict.MALFORMED, List.of());
        }
        at += at == from && startsWith(body, from, to, delimiter) ? delimiter.length : delimiter.length + 2;
        while (true) {
            if (to - at >= 2 && body[at] == '-' && body[at + 1] == '-') {
                return new Result(Verdict.OK, parts); // the close delimiter; an epilogue may follow
            }
            at = skipTransportPadding(body, at, to);
            if (to - at < 2 || body[at] != '\r' || body[at + 1] != '\n') {
                return new Result(Verdict.MALFORMED, parts);
            }
            at += 2;
            if (parts.size() == maxParts) {
                return new Result(Verdict.TOO_MANY_PARTS, parts);
            }
            int headersEnd = indexOf(body, at, Math.min(to, at + MAX_HEADER_BYTES + 4), new byte[] {'\r', '\n', '\r', '\n'});
            int contentStart;
            String[] headers;
            if (to - at >= 2 && body[at] == '\r' && body[at + 1] == '\n') {
                headers = new String[] {null, null, null};
                contentStart = at + 2;
            } else if (headersEnd < 0) {
                return new Result(Verdict.MALFORMED, parts);
            } else {
                headers = headers(new String(body, at, headersEnd - at, StandardCharsets.UTF_8));
                if (headers == null) {
                    return new Result(Verdict.MALFORMED, parts);
                }
                contentStart = headersEnd + 4;
            }
            int next = indexOf(body, contentStart, to, crlf(delimiter));
            if (next < 0) {
                return new Result(Verdict.MALFORMED, parts);
            }
            if (next - contentStart > maxPartBytes) {
                return new Result(Verdict.PART_TOO_LARGE, parts);
            }
            parts.add(new Part(headers[0], headers[1], headers[2], contentStart, next));
            at = next + 2 + delimiter.length;
        }
    }

    /** RFC 2046: 1 to 70 characters from a restricted set, not ending with a space. */
    static boolean validBoundary(String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")) {
            return false;
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** {name, filename, contentType} from the part's header block, or null when it is malformed. */
    private static String[] headers(String block) {
        String name = null;
        String filename = null;
        String contentType = null;
        for (String line : block.split("\r\n", -1)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                name = parameter(value, "name");
                filename = parameter(value, "filename");
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        return new String[] {name, filename, contentType};
    }

    private static String parameter(String disposition, String wanted) {
        for (String item : disposition.split(";")) {
            int equals = item.indexOf('=');
            if (equals > 0 && item.substring(0, equals).trim().equalsIgnoreCase(wanted)) {
                String value = item.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    private static int skipTransportPadding(byte[] body, int at, int to) {
        while (at < to && (body[at] == ' ' || body[at] == '\t')) {
            at++;
        }
        return at;
    }

    private static byte[] crlf(byte[] delimiter) {
        byte[] withBreak = new byte[delimiter.length + 2];
        withBreak[0] = '\r';
        withBreak[1] = '\n';
        System.arraycopy(delimiter, 0, withBreak, 2, delimiter.length);
        return withBreak;
    }

    private static boolean startsWith(byte[] body, int at, int to, byte[] prefix) {
        if (to - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** First occurrence of {@code needle} in {@code body[from, to)}; at most needle.length comparisons per position. */
    static int indexOf(byte[] body, int from, int to, byte[] needle) {
        byte first = needle[0];
        for (int i = from; i <= to - needle.length; i++) {
            if (body[i] == first && startsWith(body, i, to, needle)) {
                return i;
            }
        }
        return -1;
    }
}
