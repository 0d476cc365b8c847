package dev.bulwark.controlplane.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery (docs/alerting.md): {@code Bulwark-Signature: v1=<hex>} where
 * the hex is HMAC-SHA-256 under the channel's secret of {@code <Bulwark-Timestamp>.<body>}. Binding
 * the timestamp lets a receiver refuse old deliveries (replay window), and {@code Bulwark-Delivery}
 * lets it refuse one it has already seen within that window.
 */
public final class WebhookSignature {
    public static final String SIGNATURE = "Bulwark-Signature";
    public static final String TIMESTAMP = "Bulwark-Timestamp";
    public static final String DELIVERY = "Bulwark-Delivery";
    /** How far a receiver should accept a timestamp from its own clock. */
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /** A receiver's check: the timestamp within the window of {@code now} and the signature matching, in constant time. */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > REPLAY_WINDOW.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signatureHeader.strip().getBytes(StandardCharsets.UTF_8));
    }
}
