package dev.bulwark.dataplane.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses base paths and operation path templates. A template segment is either a literal or a
 * whole-segment variable {@code {name}}; partial variables ({@code file.{ext}}) are not supported.
 */
public final class PathTemplate {
    /** A parsed segment: {@code literal} is null for a variable. */
    public record Segment(String literal) {
        public boolean isVariable() {
            return literal == null;
        }
    }

    private static final Segment VARIABLE = new Segment(null);

    private PathTemplate() {
    }

    /** Segments of an operation template relative to the base path; "/" and "" have none. */
    public static List<Segment> parse(String template) {
        if (template == null || !(template.isEmpty() || template.startsWith("/"))) {
            throw new IllegalArgumentException("must start with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        String trimmed = template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
        if (trimmed.isEmpty()) {
            return segments;
        }
        for (String part : trimmed.substring(1).split("/", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("has an empty segment");
            }
            if (part.startsWith("{") && part.endsWith("}") && part.length() > 2
                    && part.indexOf('{', 1) < 0 && part.indexOf('}') == part.length() - 1) {
                segments.add(VARIABLE);
            } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw new IllegalArgumentException("segment '" + part + "' mixes a variable and text");
            } else if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("has a dot segment");
            } else {
                segments.add(new Segment(part));
            }
        }
        return segments;
    }

    /** Literal segments of a base path: "/" or "/a/b" without a trailing slash and without variables. */
    public static List<String> parseBasePath(String basePath) {
        if (basePath == null || !basePath.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        if (basePath.length() > 1 && basePath.endsWith("/")) {
            throw new IllegalArgumentException("must not end with '/'");
        }
        List<String> literals = new ArrayList<>();
        for (Segment segment : parse(basePath)) {
            if (segment.isVariable()) {
                throw new IllegalArgumentException("cannot contain a variable");
            }
            literals.add(segment.literal());
        }
        return literals;
    }

    /** The canonical form used to detect duplicates: variables renamed to {}. */
    public static String canonical(List<Segment> segments) {
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            text.append('/').append(segment.isVariable() ? "{}" : segment.literal());
        }
        return text.isEmpty() ? "/" : text.toString();
    }
}
