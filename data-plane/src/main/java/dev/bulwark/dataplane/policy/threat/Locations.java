package dev.bulwark.dataplane.policy.threat;

/**
 * Locations as responses and events show them. A location holds names the client chose (query
 * parameter names, JSON keys), and the attack may be in the name itself: a name with anything but
 * plain identifier characters is cut back to its source ({@code query}, {@code body}) so that the
 * problem body never echoes attacker text.
 */
final class Locations {
    static final int MAX = 128;

    private Locations() {
    }

    static String printable(String location) {
        if (location.length() <= MAX && safe(location)) {
            return location;
        }
        int end = 0;
        while (end < location.length() && location.charAt(end) != '.' && location.charAt(end) != '/') {
            end++;
        }
        String source = location.substring(0, end);
        return source.equals("header") && end < location.length() ? headerName(location, end) : source;
    }

    /** Header names are tokens the client chose too, but a plain one names the place well ({@code header.user-agent}). */
    private static String headerName(String location, int dot) {
        String name = location.substring(dot + 1);
        return name.length() <= 64 && safe(name) ? location : "header";
    }

    private static boolean safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '/' || c == '_' || c == '-'
                    || c == '~' || c == '[' || c == ']')) {
                return false;
            }
        }
        return true;
    }
}
