package dev.bulwark.dataplane.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the tree of a JSON document that {@link dev.bulwark.dataplane.threat.JsonShapeScanner} has
 * already accepted: syntax, encoding and the structure limits are proven, so this pass only makes
 * nodes, with no checks of its own and a recursion no deeper than the limit on depth. It replaces a
 * second full parse (the body phase used to scan, then hand the bytes to Jackson), and gives the
 * tree {@link SchemaEngine#JSON} would: integers as int, long or big-integer nodes by size, other
 * numbers as exact decimals, a key repeated in one object refused.
 */
final class JsonTree {
    private static final JsonNodeFactory NODES = SchemaEngine.JSON.getNodeFactory();
    private static final int LONG_SAFE_DIGITS = 18;
    private static final int KEY_SLOTS = 32;
    /**
     * Longest number literal turned into a node, Jackson's default bound: reading a decimal of n
     * digits exactly costs time quadratic in n, and a tenant may allow literals of up to 10,000.
     */
    private static final int MAX_NUMBER_CHARS = 1_000;

    private final byte[] json;
    private final int to;
    private int i;
    /** Keys read so far, by a hash of their length and end bytes; see {@link #key()}. */
    private String[] keys;

    private JsonTree(byte[] json, int from, int to) {
        this.json = json;
        this.i = from;
        this.to = to;
    }

    /**
     * The tree of {@code json[from, to)}, which the shape scanner accepted.
     *
     * @throws Unreadable when an object repeats a key, or a number is too long to compare exactly
     */
    static JsonNode read(byte[] json, int from, int to) {
        return new JsonTree(json, from, to).value();
    }

    private JsonNode value() {
        skipSpace();
        byte c = json[i];
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> NODES.stringNode(string());
            case 't' -> literal(4, NODES.booleanNode(true));
            case 'f' -> literal(5, NODES.booleanNode(false));
            case 'n' -> literal(4, NODES.nullNode());
            default -> number();
        };
    }

    private JsonNode literal(int length, JsonNode node) {
        i += length;
        return node;
    }

    private ObjectNode object() {
        ObjectNode object = NODES.objectNode();
        i++;
        skipSpace();
        if (json[i] == '}') {
            i++;
            return object;
        }
        while (true) {
            skipSpace();
            String key = key();
            skipSpace();
            i++;                                  // ':'
            if (object.replace(key, value()) != null) {
                throw Unreadable.DUPLICATE_KEY;
            }
            skipSpace();
            if (json[i++] == '}') {
                return object;
            }
        }
    }

    private ArrayNode array() {
        ArrayNode array = NODES.arrayNode();
        i++;
        skipSpace();
        if (json[i] == ']') {
            i++;
            return array;
        }
        while (true) {
            array.add(value());
            skipSpace();
            if (json[i++] == ']') {
                return array;
            }
        }
    }

    /**
     * A key from its opening quote. The same few keys repeat through a body (every line of an order
     * has its sku, quantity and price): a plain ASCII key is taken from the keys already read when it
     * is one of them, which saves the string and the hashing of it into its object's map.
     */
    private String key() {
        int start = i + 1;
        int end = start;
        while (json[end] != '"' && json[end] != '\\' && json[end] >= 0) {
            end++;
        }
        int length = end - start;
        if (json[end] != '"' || length == 0) {
            return string();
        }
        int slot = (length * 31 + json[start] * 7 + json[end - 1]) & (KEY_SLOTS - 1);
        if (keys == null) {
            keys = new String[KEY_SLOTS];
        }
        String known = keys[slot];
        if (known != null && known.length() == length && sameAscii(known, start)) {
            i = end + 1;
            return known;
        }
        String key = string();
        keys[slot] = key;
        return key;
    }

    private boolean sameAscii(String known, int start) {
        for (int k = 0; k < known.length(); k++) {
            if (known.charAt(k) != json[start + k]) {
                return false;
            }
        }
        return true;
    }

    /** A string from its opening quote; ASCII without escapes (most keys and values) is copied as it stands. */
    private String string() {
        int start = ++i;
        boolean ascii = true;
        while (true) {
            byte c = json[i];
            if (c == '"') {
                String text = new String(json, start, i - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                i++;
                return text;
            }
            if (c == '\\') {
                return escaped(start);
            }
            ascii &= c >= 0;
            i++;
        }
    }

    /** The rest of a string that holds an escape, decoded from its start. */
    private String escaped(int start) {
        StringBuilder text = new StringBuilder(i - start + 16);
        int run = start;
        while (true) {
            byte c = json[i];
            if (c == '"') {
                text.append(new String(json, run, i - run, StandardCharsets.UTF_8));
                i++;
                return text.toString();
            }
            if (c != '\\') {
                i++;
                continue;
            }
            text.append(new String(json, run, i - run, StandardCharsets.UTF_8));
            byte kind = json[i + 1];
            if (kind == 'u') {
                int unit = 0;
                for (int k = i + 2; k < i + 6; k++) {
                    unit = unit << 4 | Character.digit(json[k], 16);
                }
                text.append((char) unit);
                i += 6;
            } else {
                text.append(switch (kind) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> (char) kind;        // '"', '\\', '/'
                });
                i += 2;
            }
            run = i;
        }
    }

    private JsonNode number() {
        int start = i;
        boolean integral = true;
        while (i < to) {
            byte c = json[i];
            if (c == '.' || c == 'e' || c == 'E') {
                integral = false;
            } else if (c != '-' && c != '+' && (c < '0' || c > '9')) {
                break;
            }
            i++;
        }
        if (i - start > MAX_NUMBER_CHARS) {
            throw Unreadable.NUMBER_TOO_LONG;
        }
        if (!integral) {
            return NODES.numberNode(decimal(start, i));
        }
        boolean negative = json[start] == '-';
        int digits = i - start - (negative ? 1 : 0);
        if (digits > LONG_SAFE_DIGITS) {
            BigInteger big = new BigInteger(new String(json, start, i - start, StandardCharsets.ISO_8859_1));
            return big.bitLength() < Long.SIZE ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
        }
        long value = 0;
        for (int k = negative ? start + 1 : start; k < i; k++) {
            value = value * 10 + (json[k] - '0');
        }
        value = negative ? -value : value;
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /** A plain decimal of up to 18 digits ({@code 24.90}) from its digits; others through their text. */
    private BigDecimal decimal(int start, int end) {
        boolean negative = json[start] == '-';
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        for (int k = negative ? start + 1 : start; k < end; k++) {
            byte c = json[k];
            if (c == '.') {
                scale = end - k - 1;
            } else if (c < '0' || c > '9' || ++digits > LONG_SAFE_DIGITS) {
                return new BigDecimal(new String(json, start, end - start, StandardCharsets.ISO_8859_1));
            } else {
                unscaled = unscaled * 10 + (c - '0');
            }
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    private void skipSpace() {
        while (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t') {
            i++;
        }
    }

    /** Why a scanned document has no tree; {@link #detail()} completes "The JSON body …". Carries no stack trace. */
    static final class Unreadable extends RuntimeException {
        static final Unreadable DUPLICATE_KEY = new Unreadable("repeats a key in one object");
        static final Unreadable NUMBER_TOO_LONG = new Unreadable(
                "holds a number longer than " + MAX_NUMBER_CHARS + " characters, beyond what the contract can compare");

        private final String detail;

        private Unreadable(String detail) {
            super(null, null, false, false);
            this.detail = detail;
        }

        String detail() {
            return detail;
        }
    }
}
