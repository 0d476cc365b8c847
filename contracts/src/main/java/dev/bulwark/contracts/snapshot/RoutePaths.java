package dev.bulwark.contracts.snapshot;

/**
 * Syntax of base paths and operation path templates, as the gateway's router accepts them: a
 * template segment is a literal or a whole-segment variable {@code {name}}; no empty segments, no
 * dot segments (also when percent-encoded), a base path has no variable and no trailing slash.
 * Each method throws {@link IllegalArgumentException} with the reason.
 */
public final class RoutePaths {
    private RoutePaths() {
    }

    /** Checks a base path: "/" or "/a/b". */
    public static void basePath(String basePath) {
        if (basePath == null || !basePath.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        if (basePath.length() > 1 && basePath.endsWith("/")) {
            throw new IllegalArgumentException("must not end with '/'");
        }
        if (canonicalTemplate(basePath).contains("{}")) {
            throw new IllegalArgumentException("cannot contain a variable");
        }
    }

    /** Checks an operation template and returns it with variables renamed to {}: /a/{x} and /a/{y} are one route. */
    public static String canonicalTemplate(String template) {
        if (template == null || !(template.isEmpty() || template.startsWith("/"))) {
            throw new IllegalArgumentException("must start with '/'");
        }
        String trimmed = template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
        if (trimmed.isEmpty()) {
            return "/";
        }
        StringBuilder canonical = new StringBuilder();
        for (String part : trimmed.substring(1).split("/", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("has an empty segment");
            }
            if (part.startsWith("{") && part.endsWith("}") && part.length() > 2
                    && part.indexOf('{', 1) < 0 && part.indexOf('}') == part.length() - 1) {
                canonical.append("/{}");
            } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw new IllegalArgumentException("segment '" + part + "' mixes a variable and text");
            } else if (isDotSegment(part)) {
                throw new IllegalArgumentException("has a dot segment");
            } else {
                canonical.append('/').append(part);
            }
        }
        return canonical.toString();
    }

    private static boolean isDotSegment(String part) {
        String normal = RouteOwnership.normalSegment(part);
        return normal.equals(".") || normal.equals("..");
    }
}
