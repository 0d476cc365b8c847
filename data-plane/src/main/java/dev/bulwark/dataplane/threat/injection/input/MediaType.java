package dev.bulwark.dataplane.threat.injection.input;

import java.util.Locale;

/** The parts of a {@code Content-Type} the extractors dispatch on. */
public record MediaType(String type, String boundary) {
    public static final MediaType NONE = new MediaType("", null);

    public static MediaType parse(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return NONE;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        String boundary = null;
        if (semicolon >= 0) {
            for (String parameter : contentType.substring(semicolon + 1).split(";")) {
                int eq = parameter.indexOf('=');
                if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                    boundary = unquote(parameter.substring(eq + 1).trim());
                }
            }
        }
        return new MediaType(type, boundary);
    }

    public boolean isForm() {
        return type.equals("application/x-www-form-urlencoded");
    }

    public boolean isJson() {
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
    }

    public boolean isXml() {
        return type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml");
    }

    public boolean isMultipart() {
        return type.startsWith("multipart/") && boundary != null && !boundary.isEmpty();
    }

    /** Media whose bytes are not text: file data, inspected only for serialised-object magic. */
    public boolean isBinary() {
        return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/") || type.startsWith("font/")
                || type.equals("application/octet-stream") || type.equals("application/pdf") || type.equals("application/zip")
                || type.equals("application/gzip") || type.equals("application/x-protobuf") || type.equals("application/protobuf")
                || type.startsWith("application/grpc") || type.equals("application/x-tar") || type.equals("application/vnd.ms-excel")
                || type.startsWith("application/vnd.openxmlformats");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
