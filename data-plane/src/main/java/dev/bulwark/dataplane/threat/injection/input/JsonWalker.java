package dev.bulwark.dataplane.threat.injection.input;

import dev.bulwark.dataplane.threat.injection.text.TextBuffer;

/**
 * Walks a JSON document in one forward pass over its UTF-8 bytes and hands every object key and
 * every string value to the sink, with its JSON Pointer location ({@code body/items/3/name}).
 * Iterative (an explicit stack, bounded by {@link #MAX_DEPTH}), so hostile nesting cannot exhaust
 * the thread stack; numbers, booleans and null carry no injection and are skipped.
 */
public final class JsonWalker {
    public static final int MAX_DEPTH = 512;

    /** The document was walked to its end. */
    public static final int DONE = 0;
    /** The sink asked to stop. */
    public static final int STOPPED = 1;
    /** Not JSON (or nested deeper than {@link #MAX_DEPTH}): the caller should inspect the body as text. */
    public static final int MALFORMED = 2;

    private static final int VALUE = 0;
    private static final int FIRST_KEY = 1;
    private static final int KEY = 2;
    private static final int FIRST_ELEMENT = 3;
    private static final int AFTER = 4;

    private final StringBuilder pointer = new StringBuilder(64);
    private final TextBuffer text = new TextBuffer(256);
    private final int[] segment = new int[MAX_DEPTH + 1];
    private final int[] index = new int[MAX_DEPTH + 1];
    private final boolean[] array = new boolean[MAX_DEPTH + 1];

    /**
     * @param prefix location of the document itself ({@code body}, or {@code multipart.data} for a part)
     * @return {@link #DONE}, {@link #STOPPED} or {@link #MALFORMED}
     */
    public int walk(byte[] b, int from, int to, String prefix, InputSink sink) {
        pointer.setLength(0);
        pointer.append(prefix);
        int depth = 0;
        int state = VALUE;
        int i = from;
        while (true) {
            i = skipSpace(b, i, to);
            if (i >= to) {
                return depth == 0 && state == AFTER ? DONE : MALFORMED;
            }
            byte c = b[i];
            switch (state) {
                case VALUE, FIRST_ELEMENT -> {
                    if (state == FIRST_ELEMENT && c == ']') {
                        pointer.setLength(segment[depth--]);
                        state = AFTER;
                        i++;
                    } else if (c == '{' || c == '[') {
                        if (depth == MAX_DEPTH) {
                            return MALFORMED;
                        }
                        depth++;
                        segment[depth] = pointer.length();
                        array[depth] = c == '[';
                        index[depth] = 0;
                        if (c == '[') {
                            pointer.append("/0");
                        }
                        state = c == '[' ? FIRST_ELEMENT : FIRST_KEY;
                        i++;
                    } else if (c == '"') {
                        i = string(b, i, to);
                        if (i < 0) {
                            return MALFORMED;
                        }
                        if (sink.value(InputKind.JSON_VALUE, pointer, text)) {
                            return STOPPED;
                        }
                        state = AFTER;
                    } else {
                        int end = scalar(b, i, to);
                        if (end == i) {
                            return MALFORMED;
                        }
                        i = end;
                        state = AFTER;
                    }
                }
                case FIRST_KEY, KEY -> {
                    if (state == FIRST_KEY && c == '}') {
                        pointer.setLength(segment[depth--]);
                        state = AFTER;
                        i++;
                        continue;
                    }
                    if (c != '"' || (i = string(b, i, to)) < 0) {
                        return MALFORMED;
                    }
                    pointer.setLength(segment[depth]);
                    pointer.append('/');
                    appendPointerSegment(text, pointer);
                    if (sink.value(InputKind.JSON_KEY, pointer, text)) {
                        return STOPPED;
                    }
                    i = skipSpace(b, i, to);
                    if (i >= to || b[i] != ':') {
                        return MALFORMED;
                    }
                    i++;
                    state = VALUE;
                }
                default -> {
                    if (depth == 0) {
                        return MALFORMED; // a second top-level value
                    }
                    if (c == ',') {
                        if (array[depth]) {
                            pointer.setLength(segment[depth]);
                            pointer.append('/').append(++index[depth]);
                            state = VALUE;
                        } else {
                            state = KEY;
                        }
                    } else if (c == (array[depth] ? ']' : '}')) {
                        pointer.setLength(segment[depth--]);
                    } else {
                        return MALFORMED;
                    }
                    i++;
                }
            }
        }
    }

    /** Decodes the string starting at the quote {@code b[i]} into {@link #text}; returns the index after it, or -1. */
    private int string(byte[] b, int i, int to) {
        text.setLength(0);
        for (i++; i < to; ) {
            int c = b[i] & 0xFF;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= to) {
                    return -1;
                }
                char e = (char) b[i + 1];
                if (e == 'u') {
                    if (i + 5 >= to) {
                        return -1;
                    }
                    int v = 0;
                    for (int k = 2; k < 6; k++) {
                        int h = Character.digit(b[i + k], 16);
                        if (h < 0) {
                            return -1;
                        }
                        v = v << 4 | h;
                    }
                    text.append((char) v);
                    i += 6;
                    continue;
                }
                text.append(switch (e) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e; // \" \\ \/ and, leniently, anything else
                });
                i += 2;
            } else if (c < 0x80) {
                text.append((char) c);
                i++;
            } else {
                i = utf8(b, i, to);
            }
        }
        return -1;
    }

    /** Appends the UTF-8 sequence at {@code b[i]} (U+FFFD when invalid); returns the index after it. */
    private int utf8(byte[] b, int i, int to) {
        int lead = b[i] & 0xFF;
        int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        int cp = lead & (0xFF >> (length + 1));
        if (length == 1 || i + length > to) {
            text.append('\uFFFD');
            return i + 1;
        }
        for (int k = 1; k < length; k++) {
            int next = b[i + k] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                text.append('\uFFFD');
                return i + 1;
            }
            cp = cp << 6 | next & 0x3F;
        }
        if (cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
            text.append('\uFFFD');
        } else {
            text.appendCodePoint(cp);
        }
        return i + length;
    }

    private static void appendPointerSegment(CharSequence key, StringBuilder pointer) {
        for (int k = 0; k < key.length(); k++) {
            char c = key.charAt(k);
            if (c == '~') {
                pointer.append("~0");
            } else if (c == '/') {
                pointer.append("~1");
            } else {
                pointer.append(c);
            }
        }
    }

    private static int scalar(byte[] b, int i, int to) {
        while (i < to) {
            byte c = b[i];
            if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '{'
                    || c == '[' || c == ':') {
                break;
            }
            i++;
        }
        return i;
    }

    private static int skipSpace(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }
}
