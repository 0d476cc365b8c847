package dev.bulwark.controlplane.billing.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A provider that signs its webhooks the common way (the shape most payment APIs use):
 * {@code Bulwark-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} under a shared
 * secret ({@code bulwark.billing.webhook-secret}, env {@code BULWARK_BILLING_WEBHOOK_SECRET}), five
 * minutes of tolerance against replays, and a JSON body
 * {@code {"id": "<event id>", "type": "payment.succeeded", "invoice": "INV-000001", "reference": "…"}}.
 * Present only when a secret is configured.
 */
@Singleton
@Requires(property = "bulwark.billing.webhook-secret")
class SignedWebhookProvider implements PaymentProvider {
    static final long TOLERANCE_SECONDS = 300;

    private final byte[] secret;
    private final ObjectMapper mapper;
    private final Clock clock;

    @jakarta.inject.Inject
    SignedWebhookProvider(@Value("${bulwark.billing.webhook-secret}") String secret, ObjectMapper mapper) {
        this(secret, mapper, Clock.systemUTC());
    }

    SignedWebhookProvider(String secret, ObjectMapper mapper, Clock clock) {
        if (secret.length() < 32) {
            throw new IllegalArgumentException("bulwark.billing.webhook-secret must be at least 32 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "signed";
    }

    @Override
    public Optional<Payment> verify(String signature, byte[] body) {
        long timestamp = -1;
        String given = null;
        for (String part : signature == null ? new String[0] : signature.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,12}")) {
                timestamp = Long.parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                given = pair[1];
            }
        }
        if (timestamp < 0 || given == null || Math.abs(clock.instant().getEpochSecond() - timestamp) > TOLERANCE_SECONDS) {
            throw new SecurityException("missing, malformed or expired signature");
        }
        if (!MessageDigest.isEqual(sign(timestamp, body).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            throw new SecurityException("signature does not match");
        }
        try {
            JsonNode event = mapper.readTree(body);
            if (!"payment.succeeded".equals(event.path("type").asText())) {
                return Optional.empty();
            }
            return Optional.of(new Payment(event.path("id").asText(), event.path("invoice").asText(), event.path("reference").asText()));
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    String sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
