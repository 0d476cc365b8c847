package dev.bulwark.dataplane.contract;

import java.util.Locale;

/** Media type strings as the contract checks read them: the essence ({@code type/subtype}) and its family. */
public final class MediaTypes {
    private MediaTypes() {
    }

    /** The lower-case {@code type/subtype} of a Content-Type value, without parameters; null when absent or malformed. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return null;
        }
        int end = contentType.indexOf(';');
        String essence = (end < 0 ? contentType : contentType.substring(0, end)).trim().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1 || essence.indexOf('/', slash + 1) >= 0 || essence.indexOf(' ') >= 0) {
            return null;
        }
        return essence;
    }

    /** A parameter of a Content-Type value (e.g. {@code boundary}), unquoted; null when absent. */
    public static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).trim().equalsIgnoreCase(name)) {
                String value = part.substring(equals + 1).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    public static boolean isJson(String essence) {
        return essence != null && (essence.equals("application/json") || essence.endsWith("+json"));
    }

    public static boolean isXml(String essence) {
        return essence != null && (essence.equals("application/xml") || essence.equals("text/xml") || essence.endsWith("+xml"));
    }

    public static boolean isForm(String essence) {
        return "application/x-www-form-urlencoded".equals(essence);
    }

    public static boolean isMultipart(String essence) {
        return essence != null && essence.startsWith("multipart/");
    }

    /**
     * How well a declared media type or range matches a request's essence: 3 exact, 2 {@code type/*},
     * 1 {@code * /*} (without the space), 0 no match.
     */
    static int match(String declared, String essence) {
        String range = essence(declared);
        if (range == null || essence == null) {
            return 0;
        }
        if (range.equals(essence)) {
            return 3;
        }
        if (range.equals("*/*")) {
            return 1;
        }
        return range.endsWith("/*") && essence.startsWith(range.substring(0, range.length() - 1)) ? 2 : 0;
    }
}
