package dev.bulwark.dataplane.threat.injection;

/**
 * A location as exclusions name it: exact ({@code header.user-agent}) or a prefix ending at a
 * segment boundary ({@code body/comment} covers {@code body/comment/text}; {@code query} covers every
 * query parameter), with {@code *} standing for one segment ({@code body/items/*}{@code /note}).
 * Segments are separated by {@code .} and {@code /}.
 */
public final class LocationPattern {
    private final String pattern;

    public LocationPattern(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a location pattern must not be blank");
        }
        this.pattern = pattern;
    }

    public String pattern() {
        return pattern;
    }

    /** Whether {@code location} is this location or lies under it. Case matters (JSON keys are case-sensitive) except for headers. */
    public boolean matches(CharSequence location) {
        int p = 0;
        int i = 0;
        int n = location.length();
        boolean header = pattern.startsWith("header.");
        while (p < pattern.length()) {
            if (i >= n) {
                return false;
            }
            char c = pattern.charAt(p);
            if (c == '*' && (p == 0 || separator(pattern.charAt(p - 1)))) {
                while (i < n && !separator(location.charAt(i))) {
                    i++;
                }
                p++;
                continue;
            }
            char l = location.charAt(i);
            if (c != l && !(header && Character.toLowerCase(c) == Character.toLowerCase(l))) {
                return false;
            }
            p++;
            i++;
        }
        return i == n || separator(location.charAt(i));
    }

    private static boolean separator(char c) {
        return c == '.' || c == '/';
    }

    @Override
    public String toString() {
        return pattern;
    }
}
