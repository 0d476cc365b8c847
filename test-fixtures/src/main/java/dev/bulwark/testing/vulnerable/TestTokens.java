package dev.bulwark.testing.vulnerable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JWTs for the planted-flaw API: minted by tests, read by the API. Reading is strict or, for
 * the flawed twin, lax in exactly the ways its flaws need (unsigned tokens, expiry ignored).
 */
public final class TestTokens {
    /** The flawed twin signs with a secret from every tutorial. */
    public static final String WEAK_SECRET = "secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Claims the API acts on. */
    public record Claims(String subject, String role, long expiresAt, String tokenId, String alg) {
    }

    private final byte[] secret;

    TestTokens(byte[] secret) {
        this.secret = secret.clone();
    }

    static TestTokens weak() {
        return new TestTokens(WEAK_SECRET.getBytes(StandardCharsets.UTF_8));
    }

    static TestTokens strong() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new TestTokens(random);
    }

    public String mint(String subject, String role, Instant expiresAt) {
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = encode("{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        return header + "." + payload + "." + ENCODER.encodeToString(sign(header + "." + payload));
    }

    /**
     * The token's claims when it parses as a JWT; empty otherwise. {@code acceptUnsigned} lets
     * {@code alg: none} through (the flawed twin); a signed token must verify either way.
     */
    Optional<Claims> read(String token, boolean acceptUnsigned) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(DECODER.decode(parts[0]));
            JsonNode payload = JSON.readTree(DECODER.decode(parts[1]));
            String alg = header.path("alg").asText();
            boolean valid = "none".equalsIgnoreCase(alg) ? acceptUnsigned
                    : "HS256".equals(alg) && MessageDigest.isEqual(sign(parts[0] + "." + parts[1]), DECODER.decode(parts[2]));
            return valid ? Optional.of(new Claims(payload.path("sub").asText(), payload.path("role").asText("user"),
                    payload.path("exp").asLong(0), payload.path("jti").asText(), alg)) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a value is shaped like a JWT at all (three dot-separated parts). */
    static boolean looksLikeJwt(String token) {
        return token.split("\\.", -1).length == 3;
    }

    private byte[] sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
