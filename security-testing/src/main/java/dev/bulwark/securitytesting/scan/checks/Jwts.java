package dev.bulwark.securitytesting.scan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Reading a compact JWT without trusting it: its header and its parts. */
final class Jwts {
    static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    /** The three parts of a compact JWS, when the token is one. */
    static Optional<String[]> parts(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return header(parts[0]).isPresent() ? Optional.of(parts) : Optional.empty();
    }

    static Optional<JsonNode> header(String encoded) {
        try {
            JsonNode header = Targets.JSON.readTree(new String(DECODER.decode(encoded), StandardCharsets.UTF_8));
            return header.isObject() && header.hasNonNull("alg") ? Optional.of(header) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    static String alg(String[] parts) {
        return header(parts[0]).map(h -> h.get("alg").asText()).orElse("");
    }

    static String encode(String json) {
        return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
