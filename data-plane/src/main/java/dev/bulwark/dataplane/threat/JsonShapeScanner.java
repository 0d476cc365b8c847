package dev.bulwark.dataplane.threat;

/**
 * Checks a JSON document against {@link JsonLimits} in one forward pass over its bytes: no tree, no
 * recursion, no backtracking, so the cost is linear in the body and a hostile document (100,000
 * nested arrays, a million-member object, a 10 MB number) cannot make it slow or exhaust the stack.
 *
 * <p>It is also strict about syntax (RFC 8259) and encoding (UTF-8 without overlong forms or
 * surrogates), because a document that the gateway reads one way and the upstream another (a lenient
 * parser accepting a trailing value, a raw control character, an invalid byte sequence) is a way past
 * every check that inspects it.
 */
public final class JsonShapeScanner {

    /** What was wrong, and where (byte offset), for logs and security events; never the bytes themselves. */
    public record Finding(Verdict verdict, int offset) {
        public boolean ok() {
            return verdict == Verdict.OK;
        }
    }

    public enum Verdict { OK, MALFORMED, TOO_DEEP, TOO_MANY_ENTRIES, ARRAY_TOO_LONG, OBJECT_TOO_LARGE, STRING_TOO_LONG, NUMBER_TOO_LONG }

    private static final Finding OK = new Finding(Verdict.OK, -1);
    /** The bytes a string holds as they are: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    // Parser states: what may come next.
    private static final int VALUE = 0;           // any value
    private static final int FIRST_ELEMENT = 1;   // a value or ']'
    private static final int FIRST_KEY = 2;       // a key or '}'
    private static final int KEY = 3;             // a key (after ',' in an object)
    private static final int COLON = 4;
    private static final int AFTER_VALUE = 5;     // ',' or the container's end, or the document's end

    private JsonShapeScanner() {
    }

    public static Finding scan(byte[] json, JsonLimits limits) {
        return scan(json, 0, json.length, limits);
    }

    public static Finding scan(byte[] json, int from, int to, JsonLimits limits) {
        int[] counts = new int[limits.maxDepth() + 1];
        boolean[] isArray = new boolean[limits.maxDepth() + 1];
        int depth = 0;
        int entries = 0;
        int state = VALUE;
        int i = from;
        while (true) {
            i = skipWhitespace(json, i, to);
            if (i >= to) {
                return depth == 0 && state == AFTER_VALUE ? OK : new Finding(Verdict.MALFORMED, i);
            }
            byte c = json[i];
            switch (state) {
                case VALUE, FIRST_ELEMENT -> {
                    if (state == FIRST_ELEMENT && c == ']') {
                        depth--;
                        i++;
                        state = AFTER_VALUE;
                        continue;
                    }
                    if (depth > 0 && isArray[depth]) {
                        if (++counts[depth] > limits.maxArrayLength()) {
                            return new Finding(Verdict.ARRAY_TOO_LONG, i);
                        }
                        if (++entries > limits.maxEntries()) {
                            return new Finding(Verdict.TOO_MANY_ENTRIES, i);
                        }
                    }
                    if (c == '{' || c == '[') {
                        if (depth == limits.maxDepth()) {
                            return new Finding(Verdict.TOO_DEEP, i);
                        }
                        depth++;
                        counts[depth] = 0;
                        isArray[depth] = c == '[';
                        state = c == '[' ? FIRST_ELEMENT : FIRST_KEY;
                        i++;
                        continue;
                    }
                    int end = scalar(json, i, to, limits);
                    if (end < 0) {
                        return failure(end, i);
                    }
                    i = end;
                    state = AFTER_VALUE;
                }
                case FIRST_KEY, KEY -> {
                    if (state == FIRST_KEY && c == '}') {
                        depth--;
                        i++;
                        state = AFTER_VALUE;
                        continue;
                    }
                    if (c != '"') {
                        return new Finding(Verdict.MALFORMED, i);
                    }
                    if (++counts[depth] > limits.maxObjectEntries()) {
                        return new Finding(Verdict.OBJECT_TOO_LARGE, i);
                    }
                    if (++entries > limits.maxEntries()) {
                        return new Finding(Verdict.TOO_MANY_ENTRIES, i);
                    }
                    int end = string(json, i, to, limits.maxStringBytes());
                    if (end < 0) {
                        return failure(end, i);
                    }
                    i = end;
                    state = COLON;
                }
                case COLON -> {
                    if (c != ':') {
                        return new Finding(Verdict.MALFORMED, i);
                    }
                    i++;
                    state = VALUE;
                }
                default -> { // AFTER_VALUE
                    if (depth == 0) {
                        return new Finding(Verdict.MALFORMED, i); // a second top-level value
                    }
                    if (c == ',') {
                        state = isArray[depth] ? VALUE : KEY;
                    } else if (c == (isArray[depth] ? ']' : '}')) {
                        depth--;
                    } else {
                        return new Finding(Verdict.MALFORMED, i);
                    }
                    i++;
                }
            }
        }
    }

    private static final int MALFORMED = -1;
    private static final int STRING_TOO_LONG = -2;
    private static final int NUMBER_TOO_LONG = -3;

    private static Finding failure(int code, int at) {
        return new Finding(switch (code) {
            case STRING_TOO_LONG -> Verdict.STRING_TOO_LONG;
            case NUMBER_TOO_LONG -> Verdict.NUMBER_TOO_LONG;
            default -> Verdict.MALFORMED;
        }, at);
    }

    private static int skipWhitespace(byte[] json, int i, int to) {
        while (i < to) {
            byte c = json[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            i++;
        }
        return i;
    }

    /** A string, number or literal starting at {@code i}; the offset after it, or a negative code. */
    private static int scalar(byte[] json, int i, int to, JsonLimits limits) {
        byte c = json[i];
        if (c == '"') {
            return string(json, i, to, limits.maxStringBytes());
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(json, i, to, limits.maxNumberChars());
        }
        if (c == 't') {
            return literal(json, i, to, "true");
        }
        if (c == 'f') {
            return literal(json, i, to, "false");
        }
        if (c == 'n') {
            return literal(json, i, to, "null");
        }
        return MALFORMED;
    }

    private static int literal(byte[] json, int i, int to, String word) {
        if (to - i < word.length()) {
            return MALFORMED;
        }
        for (int k = 0; k < word.length(); k++) {
            if (json[i + k] != word.charAt(k)) {
                return MALFORMED;
            }
        }
        return i + word.length();
    }

    private static int number(byte[] json, int start, int to, int maxChars) {
        int i = start;
        if (json[i] == '-') {
            i++;
        }
        if (i >= to) {
            return MALFORMED;
        }
        if (json[i] == '0') {
            i++;
        } else if (json[i] >= '1' && json[i] <= '9') {
            i = digits(json, i, to);
        } else {
            return MALFORMED;
        }
        if (i < to && json[i] == '.') {
            int fraction = digits(json, i + 1, to);
            if (fraction == i + 1) {
                return MALFORMED;
            }
            i = fraction;
        }
        if (i < to && (json[i] == 'e' || json[i] == 'E')) {
            i++;
            if (i < to && (json[i] == '+' || json[i] == '-')) {
                i++;
            }
            int exponent = digits(json, i, to);
            if (exponent == i) {
                return MALFORMED;
            }
            i = exponent;
        }
        return i - start > maxChars ? NUMBER_TOO_LONG : i;
    }

    private static int digits(byte[] json, int i, int to) {
        while (i < to && json[i] >= '0' && json[i] <= '9') {
            i++;
        }
        return i;
    }

    /** A string from its opening quote at {@code start}; the offset after its closing quote. */
    private static int string(byte[] json, int start, int to, int maxBytes) {
        int i = start + 1;
        long lastAllowed = (long) start + 1 + maxBytes;   // the content may end here at the latest
        int stop = (int) Math.min(to, lastAllowed + 1);
        while (true) {
            while (i < stop && PLAIN[json[i] & 0xff]) {
                i++;
            }
            if (i >= to) {
                return MALFORMED;
            }
            if (i > lastAllowed) {
                return STRING_TOO_LONG;
            }
            int c = json[i] & 0xff;
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20) {
                return MALFORMED;
            }
            i = c == '\\' ? escape(json, i, to) : utf8(json, i, to);
            if (i < 0) {
                return MALFORMED;
            }
        }
    }

    private static int escape(byte[] json, int i, int to) {
        if (i + 1 >= to) {
            return MALFORMED;
        }
        switch (json[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                if (i + 6 > to) {
                    return MALFORMED;
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(json[k], 16) < 0) {
                        return MALFORMED;
                    }
                }
                return i + 6;
            }
            default -> {
                return MALFORMED;
            }
        }
    }

    /** One multi-byte UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
    private static int utf8(byte[] json, int i, int to) {
        int lead = json[i] & 0xff;
        int length;
        int min;
        int codePoint;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
            min = 0x80;
            codePoint = lead & 0x1f;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            min = 0x800;
            codePoint = lead & 0x0f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            min = 0x10000;
            codePoint = lead & 0x07;
        } else {
            return MALFORMED;
        }
        if (i + length > to) {
            return MALFORMED;
        }
        for (int k = 1; k < length; k++) {
            int next = json[i + k] & 0xff;
            if ((next & 0xc0) != 0x80) {
                return MALFORMED;
            }
            codePoint = (codePoint << 6) | (next & 0x3f);
        }
        if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
            return MALFORMED;
        }
        return i + length;
    }
}
