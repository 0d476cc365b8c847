package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.schema.Violations;
import java.util.Locale;
import java.util.regex.Pattern;

/** Rules for the host and base path an API is routed on. */
public final class Routes {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]+");
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private Routes() {
    }

    /** "/" or "/a/b": no trailing slash, no empty, dot or dot-dot segments, no percent-encoding. */
    public static void checkBasePath(String basePath, Violations v) {
        if (basePath == null) {
            v.add("basePath", "is required");
            return;
        }
        if (basePath.equals("/")) {
            return;
        }
        if (!basePath.startsWith("/") || basePath.endsWith("/") || basePath.length() > 200) {
            v.add("basePath", "must start with / and not end with / (at most 200 characters)");
            return;
        }
        for (String segment : basePath.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                v.add("basePath", "must not contain . or .. segments");
                return;
            }
            if (!SEGMENT.matcher(segment).matches()) {
                v.add("basePath", "has an empty segment or a character that is not allowed in a path");
                return;
            }
        }
    }

    /** A lower-case DNS name, or null for "any host". */
    public static String normaliseHost(String host, Violations v) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String lower = host.trim().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(lower).matches()) {
            v.add("host", "must be a DNS host name without port or scheme");
        }
        return lower;
    }
}
