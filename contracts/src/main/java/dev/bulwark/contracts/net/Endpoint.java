package dev.bulwark.contracts.net;

/**
 * A port on a network: {@code 127.0.0.0/8:9090}, {@code 10.1.2.3:8080} or {@code [::1]:8080}.
 * The platform's own endpoints (control plane, gateway status and traffic ports) are written
 * this way so that no tenant upstream may connect to them, whatever private networks it may use.
 */
public record Endpoint(Cidr network, int port) {

    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty endpoint");
        }
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("not <address or CIDR>:<port>: " + trimmed);
        }
        String networkPart = trimmed.substring(0, colon);
        if (networkPart.startsWith("[")) {
            if (!networkPart.endsWith("]") && !networkPart.contains("]/")) {
                throw new IllegalArgumentException("unclosed IPv6 bracket: " + trimmed);
            }
            networkPart = networkPart.replace("[", "").replace("]", "");
        } else if (networkPart.contains(":")) {
            throw new IllegalArgumentException("write an IPv6 endpoint as [address]:port: " + trimmed);
        }
        String portPart = trimmed.substring(colon + 1);
        if (portPart.length() > 5 || !portPart.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid port: " + portPart);
        }
        int port = Integer.parseInt(portPart);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new Endpoint(Cidr.parse(networkPart), port);
    }

    /** Whether a connection to {@code address} (IPv4-mapped IPv6 counts as IPv4) on {@code port} reaches this endpoint. */
    public boolean matches(byte[] address, int port) {
        return port == this.port && network.contains(IpAddresses.unmapped(address));
    }
}
