package dev.bulwark.dataplane.contract;

import java.nio.charset.StandardCharsets;

/** Names of inputs as violations and hints spell them; attacker-chosen names are made harmless first. */
final class Locations {
    private static final int MAX_NAME = 64;

    private Locations() {
    }

    /**
     * A client-chosen name (an unknown property or query parameter) fit to appear in a response and a
     * log: unreserved characters kept, everything else percent-encoded, at most 64 characters.
     */
    static String safe(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_NAME) + 8);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            if (out.length() >= MAX_NAME) {
                return out.append("...").toString();
            }
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A JSON pointer below an input, with each token made safe (pointer syntax kept: {@code /items/3/price}). */
    static String pointer(String pointer) {
        if (pointer.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(pointer.length());
        for (String token : pointer.substring(1).split("/", -1)) {
            out.append('/').append(safe(token.replace("~1", "/").replace("~0", "~")).replace("%2F", "~1"));
        }
        return out.toString();
    }
}
