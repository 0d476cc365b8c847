package dev.bulwark.contracts.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Numeric IP parsing that refuses host names, so no code path can trigger a DNS lookup. */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** Returns the 4 or 16 address bytes, or {@code null} when the text is not a numeric address. */
    public static byte[] parseNumeric(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            if (bare.indexOf('%') >= 0 || !bare.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
            try {
                // Only hex digits, colons and dots reach here, so InetAddress cannot resolve a name.
                byte[] bytes = InetAddress.getByName(bare).getAddress();
                return bytes.length == 16 ? bytes : toMappedV6(bytes);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return parseV4(text);
    }

    private static byte[] toMappedV6(byte[] v4) {
        // InetAddress collapses ::ffff:a.b.c.d to IPv4; keep the family the operator wrote.
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static byte[] parseV4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                // Leading zeros are refused: "010" means octal to some parsers and decimal to others.
                if (digits == 1 && value == 0) {
                    return null;
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    public static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + address.length, e);
        }
    }

    /** {@code ::ffff:a.b.c.d} is the IPv4 address a.b.c.d in disguise; anything else is returned as is. */
    public static byte[] unmapped(byte[] address) {
        if (address == null || address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }
}
