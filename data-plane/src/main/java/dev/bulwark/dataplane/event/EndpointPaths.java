package dev.bulwark.dataplane.event;

/**
 * Turns a path no operation declares into a bounded endpoint label: {@code GET /internal/users/{id}}.
 * Segments that look like identifiers (digits, UUIDs, long hex or mixed letter-digit tokens) become
 * {@code {id}}, segments with characters outside {@code [A-Za-z0-9._~-]} or longer than
 * {@value #MAX_SEGMENT} become {@code {x}}, and only the first {@value #MAX_SEGMENTS} segments are
 * kept ({@code /…} marks the rest). So one label stands for a whole family of probes and an attacker
 * cannot mint a new label per request with random ids. Allocates; called only for undocumented paths.
 */
final class EndpointPaths {
    static final int MAX_SEGMENTS = 6;
    static final int MAX_SEGMENT = 40;

    private EndpointPaths() {
    }

    static String label(String method, String path) {
        StringBuilder label = new StringBuilder(48).append(method).append(' ');
        if (path == null || path.isEmpty() || path.equals("/")) {
            return label.append('/').toString();
        }
        int segments = 0;
        int start = path.charAt(0) == '/' ? 1 : 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end > start) {
                if (segments == MAX_SEGMENTS) {
                    return label.append("/…").toString();
                }
                label.append('/');
                appendSegment(label, path, start, end);
                segments++;
            }
            start = end + 1;
        }
        return segments == 0 ? label.append('/').toString() : label.toString();
    }

    private static void appendSegment(StringBuilder label, String path, int start, int end) {
        int length = end - start;
        int digits = 0;
        int letters = 0;
        boolean hex = true;
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letters++;
                hex &= (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            } else if (c != '-' && c != '_' && c != '.' && c != '~') {
                label.append("{x}");
                return;
            }
        }
        if (length > MAX_SEGMENT) {
            label.append("{x}");
        } else if (digits > 0 && (letters == 0 || (hex && length >= 8) || (length >= 4 && digits * 3 >= length) || length >= 16)) {
            label.append("{id}"); // numbers, UUIDs, hex digests, opaque tokens; v2, api1 stay
        } else {
            label.append(path, start, end);
        }
    }
}
