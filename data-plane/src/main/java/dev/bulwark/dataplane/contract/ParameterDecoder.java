package dev.bulwark.dataplane.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns serialised parameters back into the JSON values their schemas describe, following
 * OpenAPI's styles: {@code simple}, {@code label} and {@code matrix} in paths, {@code form},
 * {@code spaceDelimited}, {@code pipeDelimited} and {@code deepObject} in queries, {@code simple}
 * in headers, {@code form} in cookies, each exploded or not. Delimiters are split before
 * percent-decoding, so an encoded comma stays inside its value. Text becomes an integer, number or
 * boolean only where the schema asks for one (the schema then checks the rest).
 */
final class ParameterDecoder {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Beyond this exponent a number is refused as text: BigDecimal arithmetic on 1e999999999 is a CPU attack. */
    private static final int MAX_EXPONENT = 1_000;

    /** Why a value could not be decoded; carries no stack trace and no value. */
    static final class DecodeException extends Exception {
        DecodeException(String reason) {
            super(reason, null, false, false);
        }
    }

    private ParameterDecoder() {
    }

    /** A path parameter from its raw (still percent-encoded) segment. */
    static JsonNode path(String raw, CompiledParameter parameter) throws DecodeException {
        String value = raw;
        String itemDelimiter = ",";
        switch (parameter.style()) {
            case "label" -> {
                if (!value.startsWith(".")) {
                    throw new DecodeException("must start with '.' (label style)");
                }
                value = value.substring(1);
                itemDelimiter = parameter.explode() ? "." : ",";
            }
            case "matrix" -> {
                return matrix(value, parameter);
            }
            default -> {
            }
        }
        return delimited(value, itemDelimiter, parameter.explode() ? itemDelimiter : ",", parameter, false);
    }

    private static JsonNode matrix(String raw, CompiledParameter parameter) throws DecodeException {
        String prefix = ";" + parameter.name() + "=";
        if (parameter.isObject() && parameter.explode()) {
            if (!raw.startsWith(";")) {
                throw new DecodeException("must start with ';' (matrix style)");
            }
            return pairs(split(raw.substring(1), ";"), "=", parameter, false);
        }
        if (parameter.isArray() && parameter.explode()) {
            List<String> items = new ArrayList<>();
            for (String part : split(raw, ";")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!(";" + part).startsWith(prefix)) {
                    throw new DecodeException("must repeat ';" + parameter.name() + "=' (matrix style)");
                }
                items.add(part.substring(prefix.length() - 1));
            }
            return array(items, parameter.shape().items(), false);
        }
        if (!raw.startsWith(prefix) && !raw.equals(";" + parameter.name())) {
            throw new DecodeException("must start with ';" + parameter.name() + "=' (matrix style)");
        }
        String value = raw.length() > prefix.length() ? raw.substring(prefix.length()) : "";
        return delimited(value, ",", ",", parameter, false);
    }

    /** A query parameter from the raw values sent under its name (and, for deepObject/exploded objects, the others). */
    static JsonNode query(List<String> raws, CompiledParameter parameter) throws DecodeException {
        if (parameter.isArray()) {
            if (parameter.explode()) {
                return array(raws, parameter.shape().items(), true);
            }
            String delimiter = switch (parameter.style()) {
                case "spaceDelimited" -> " ";
                case "pipeDelimited" -> "|";
                default -> ",";
            };
            String raw = single(raws);
            if (!delimiter.equals(",")) {
                String decoded = decode(raw, true);
                List<String> items = split(decoded, delimiter);
                ArrayNode array = NODES.arrayNode();
                for (String item : items) {
                    array.add(scalar(item, parameter.shape().items()));
                }
                return array;
            }
            return array(split(raw, ","), parameter.shape().items(), true);
        }
        return delimited(single(raws), ",", ",", parameter, true);
    }

    /** A header parameter from its value (repeated fields joined with commas). */
    static JsonNode header(String value, CompiledParameter parameter) throws DecodeException {
        return delimited(value.trim(), ",", ",", parameter, false);
    }

    static JsonNode cookie(List<String> raws, CompiledParameter parameter) throws DecodeException {
        if (parameter.isArray() && parameter.explode()) {
            return array(raws, parameter.shape().items(), false);
        }
        return delimited(single(raws), ",", ",", parameter, false);
    }

    /** An object from properties sent as separate query parameters (form, exploded), or {@code name[key]=value} (deepObject). */
    static ObjectNode properties(List<String[]> namedRaws, CompiledParameter parameter) throws DecodeException {
        ObjectNode object = NODES.objectNode();
        for (String[] pair : namedRaws) {
            if (object.has(pair[0])) {
                throw new DecodeException("repeats the property '" + Locations.safe(pair[0]) + "'");
            }
            object.set(pair[0], parameter.json() ? json(decode(pair[1], true)) : scalar(decode(pair[1], true),
                    parameter.shape().property(pair[0])));
        }
        return object;
    }

    /** A primitive, array or object written with {@code delimiter} between items ({@code pairDelimiter} when exploded). */
    private static JsonNode delimited(String raw, String delimiter, String pairDelimiter, CompiledParameter parameter, boolean plus)
            throws DecodeException {
        if (parameter.json()) {
            return json(decode(raw, plus));
        }
        if (parameter.isArray()) {
            return array(split(raw, delimiter), parameter.shape().items(), plus);
        }
        if (parameter.isObject()) {
            List<String> parts = split(raw, pairDelimiter);
            if (parameter.explode()) {
                return pairs(parts, "=", parameter, plus);
            }
            if (parts.size() % 2 != 0) {
                throw new DecodeException("must list property names and values in pairs");
            }
            List<String> joined = new ArrayList<>(parts.size() / 2);
            for (int i = 0; i < parts.size(); i += 2) {
                joined.add(parts.get(i) + "=" + parts.get(i + 1));
            }
            return pairs(joined, "=", parameter, plus);
        }
        return scalar(decode(raw, plus), parameter.shape());
    }

    private static ObjectNode pairs(List<String> parts, String separator, CompiledParameter parameter, boolean plus)
            throws DecodeException {
        ObjectNode object = NODES.objectNode();
        for (String part : parts) {
            int at = part.indexOf(separator);
            if (at <= 0) {
                throw new DecodeException("must be written as name" + separator + "value pairs");
            }
            String name = decode(part.substring(0, at), plus);
            if (object.has(name)) {
                throw new DecodeException("repeats the property '" + Locations.safe(name) + "'");
            }
            object.set(name, scalar(decode(part.substring(at + 1), plus), parameter.shape().property(name)));
        }
        return object;
    }

    private static ArrayNode array(List<String> raws, ValueShape items, boolean plus) throws DecodeException {
        ArrayNode array = NODES.arrayNode();
        for (String raw : raws) {
            array.add(scalar(decode(raw, plus), items));
        }
        return array;
    }

    private static String single(List<String> raws) throws DecodeException {
        if (raws.size() != 1) {
            // ?limit=1&limit=2: upstreams disagree on which one counts (parameter pollution)
            throw new DecodeException("must be sent once");
        }
        return raws.get(0);
    }

    static String decode(String raw, boolean plusIsSpace) throws DecodeException {
        String decoded = Percent.decode(raw, plusIsSpace);
        if (decoded == null) {
            throw new DecodeException("is not validly percent-encoded UTF-8");
        }
        return decoded;
    }

    static JsonNode json(String text) throws DecodeException {
        try {
            return SchemaEngine.JSON.readTree(text);
        } catch (RuntimeException e) {
            throw new DecodeException("must be a JSON document");
        }
    }

    /** Text as the schema's type: integer, number or boolean when it asks for one and the text is one. */
    static JsonNode scalar(String text, ValueShape shape) {
        if (shape.types.isEmpty()) {
            return NODES.stringNode(text);
        }
        if (shape.allows(ValueShape.Type.INTEGER) && isInteger(text)) {
            return text.length() <= 18 ? NODES.numberNode(Long.parseLong(text)) : NODES.numberNode(new BigInteger(text));
        }
        if (shape.allows(ValueShape.Type.NUMBER) && isNumber(text)) {
            return NODES.numberNode(new BigDecimal(text));
        }
        if (shape.allows(ValueShape.Type.BOOLEAN) && (text.equals("true") || text.equals("false"))) {
            return NODES.booleanNode(text.equals("true"));
        }
        return NODES.stringNode(text);
    }

    static boolean isInteger(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        if (i >= text.length() || text.length() > 4_000) {
            return false;
        }
        if (text.charAt(i) == '0' && text.length() > i + 1) {
            return false;
        }
        for (; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** JSON's number grammar, with the exponent bounded. */
    static boolean isNumber(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int n = text.length();
        int start = i;
        while (i < n && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
            i++;
        }
        if (i == start || (text.charAt(start) == '0' && i > start + 1)) {
            return false;
        }
        if (i < n && text.charAt(i) == '.') {
            int fraction = ++i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == fraction) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == exponent || i - exponent > 4 || Integer.parseInt(text.substring(exponent, i)) > MAX_EXPONENT) {
                return false;
            }
        }
        return i == n && n <= 4_000;
    }

    /** Splits on a literal delimiter, keeping empty items (they are values too: "a,,b" has three). */
    static List<String> split(String text, String delimiter) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = text.indexOf(delimiter, from);
            if (at < 0) {
                parts.add(text.substring(from));
                return parts;
            }
            parts.add(text.substring(from, at));
            from = at + delimiter.length();
        }
    }
}
