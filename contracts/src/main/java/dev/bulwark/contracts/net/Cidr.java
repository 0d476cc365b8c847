package dev.bulwark.contracts.net;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation. Parsing never touches DNS: only numeric addresses are
 * accepted, so a configured name cannot make the gateway resolve anything.
 */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        network = network.clone();
    }

    /** Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a bare address (a /32 or /128). */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty CIDR");
        }
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text.trim() : text.substring(0, slash).trim();
        byte[] address = IpAddresses.parseNumeric(addressPart);
        if (address == null) {
            throw new IllegalArgumentException("not a numeric IP address: " + addressPart);
        }
        int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String prefixText = text.substring(slash + 1).trim();
            if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid prefix length: " + prefixText);
            }
            prefix = Integer.parseInt(prefixText);
            if (prefix > maxPrefix) {
                throw new IllegalArgumentException("prefix length " + prefix + " exceeds " + maxPrefix);
            }
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int bitMask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & bitMask) == (network[fullBytes] & bitMask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return IpAddresses.format(network) + "/" + prefixLength;
    }
}
