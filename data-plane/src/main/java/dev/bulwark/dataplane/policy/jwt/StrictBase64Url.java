package dev.bulwark.dataplane.policy.jwt;

/**
 * Canonical unpadded base64url (RFC 7515 §2 / RFC 4648 §5): only {@code A-Z a-z 0-9 - _}, no
 * padding, no whitespace, a length that a real encoding can have, and zero bits in the unused low
 * bits of the last character. Nimbus decodes leniently (it skips foreign characters and ignores
 * trailing bits), so two different strings could decode to the same token; checking here first
 * makes the text that was signed the only text that verifies.
 */
public final class StrictBase64Url {
    private StrictBase64Url() {
    }

    public static boolean isCanonical(CharSequence text, int from, int to) {
        int length = to - from;
        if (length < 0 || length % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (value(text.charAt(i)) < 0) {
                return false;
            }
        }
        if (length == 0) {
            return true;
        }
        int last = value(text.charAt(to - 1));
        return switch (length % 4) {
            case 2 -> (last & 0x0F) == 0; // 1 byte: the last character carries 2 data bits
            case 3 -> (last & 0x03) == 0; // 2 bytes: the last character carries 4 data bits
            default -> true;
        };
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }
}
