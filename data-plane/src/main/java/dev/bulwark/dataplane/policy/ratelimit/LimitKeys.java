package dev.bulwark.dataplane.policy.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Redis key names for counters: a pure function, so the layout is tested without Redis.
 *
 * <p>Layout: {@code <prefix><kind>:{<tenant>:<subject>}:<scope>[:<period>]}. The hash tag
 * {@code {tenant:subject}} puts every counter of one caller in one Redis Cluster slot, so a future
 * script may touch several of them atomically. Each component is reduced to a safe token first:
 * a caller-controlled value (a header, say) can never inject a brace, a separator or a huge key.
 */
public final class LimitKeys {
    private static final int MAX_PLAIN = 64;

    private LimitKeys() {
    }

    public static String rateLimit(String prefix, String tenantId, String subject, String scope) {
        return prefix + "rl:{" + token(tenantId) + ":" + token(subject) + "}:" + token(scope);
    }

    public static String quota(String prefix, String tenantId, String subject, String scope, String period) {
        return prefix + "q:{" + token(tenantId) + ":" + token(subject) + "}:" + token(scope) + ":" + token(period);
    }

    /**
     * The value itself when it is short and made only of {@code [A-Za-z0-9._:-]}, otherwise
     * {@code #} and a SHA-256 digest of it ({@code #} never appears in a plain token, so a digest
     * cannot collide with a plain value).
     */
    public static String token(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        if (value.length() <= MAX_PLAIN && isPlain(value)) {
            return value;
        }
        return "#" + digest(value);
    }

    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
