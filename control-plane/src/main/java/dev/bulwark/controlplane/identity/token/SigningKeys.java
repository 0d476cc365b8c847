package dev.bulwark.controlplane.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.bulwark.controlplane.secret.KeyEncryptionKey;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's ES256 signing keys. One current key signs; every N days
 * ({@code bulwark.identity.tokens.key-rotation}) a new one replaces it, and the retired key stays
 * in the JWKS until the last token it signed has expired. Keys live in PostgreSQL so every replica
 * signs and verifies with the same set; the private half is sealed with the KEK.
 */
@Singleton
public class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    /** Tokens may be checked slightly after expiry by clocks a little behind; keep keys a bit longer. */
    private static final Duration PUBLICATION_MARGIN = Duration.ofMinutes(5);

    private final SigningKeyStore store;
    private final KeyEncryptionKey kek;
    private final TokenSettings settings;
    private final Clock clock;
    private volatile Snapshot snapshot;

    record Snapshot(ECKey current, Map<String, ECKey> verifying, Instant loadedAt) {
    }

    public SigningKeys(SigningKeyStore store, KeyEncryptionKey kek, TokenSettings settings) {
        this.store = store;
        this.kek = kek;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    /** The key that signs new tokens (with its private half). */
    public ECKey current() {
        Snapshot s = snapshot();
        if (s.current() == null) {
            rotate(true);
            s = reload();
        }
        return s.current();
    }

    /** A published public key by id, reloading once when the id is unknown (another replica rotated). */
    public Optional<ECKey> verifying(String kid) {
        ECKey key = snapshot().verifying().get(kid);
        if (key == null && snapshot().loadedAt().isBefore(clock.instant().minusSeconds(5))) {
            key = reload().verifying().get(kid);
        }
        return Optional.ofNullable(key);
    }

    public JWKSet publicJwks() {
        return new JWKSet(new ArrayList<>(snapshot().verifying().values().stream().map(k -> (com.nimbusds.jose.jwk.JWK) k).toList()));
    }

    /** Starts a new current key now, whatever the age of the present one. */
    public void rotateNow() {
        rotate(true);
        reload();
    }

    @Scheduled(fixedDelay = "${bulwark.identity.tokens.rotation-check:1h}", initialDelay = "1m")
    void rotateWhenDue() {
        try {
            if (rotate(false)) {
                LOG.info("rotated the token signing key");
            }
            store.purgeExpired(clock.instant());
            reload();
        } catch (RuntimeException e) {
            LOG.warn("signing key rotation check failed; will retry: {}", e.toString());
        }
    }

    private boolean rotate(boolean force) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            String kid = UUID.randomUUID().toString();
            ECKey generated = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
            byte[] sealed = kek.encrypt(generated.toJSONString().getBytes(StandardCharsets.UTF_8), kid);
            SigningKeyStore.Row row = new SigningKeyStore.Row(kid, generated.toPublicJWK().toJSONString(), sealed,
                    kek.id(), now, null, null);
            Instant olderThan = force ? now.plusSeconds(1) : now.minus(settings.keyRotation());
            return store.rotate(row, now, now.plus(settings.ttl()).plus(PUBLICATION_MARGIN), olderThan);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an ES256 key", e);
        }
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        return s != null ? s : reload();
    }

    private synchronized Snapshot reload() {
        Map<String, ECKey> verifying = new HashMap<>();
        ECKey current = null;
        List<SigningKeyStore.Row> rows = store.published(clock.instant());
        for (SigningKeyStore.Row row : rows) {
            try {
                verifying.put(row.kid(), ECKey.parse(row.publicJwk()));
                if (row.retiredAt() == null && current == null) {
                    current = unseal(row);
                }
            } catch (ParseException e) {
                LOG.warn("signing key {} is unreadable and is skipped", row.kid());
            }
        }
        Snapshot s = new Snapshot(current, Map.copyOf(verifying), clock.instant());
        snapshot = s;
        return s;
    }

    private ECKey unseal(SigningKeyStore.Row row) {
        if (!row.kekId().equals(kek.id())) {
            // Sealed under another KEK (a dev restart with a random KEK, or a KEK rotated without
            // re-sealing): its public half still verifies tokens; a new key will sign.
            LOG.warn("current signing key {} is sealed under another key-encryption key; starting a new signing key", row.kid());
            return null;
        }
        try {
            byte[] json = kek.decrypt(row.sealedPrivateKey(), row.kid());
            return ECKey.parse(new String(json, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | ParseException e) {
            LOG.warn("current signing key {} cannot be unsealed; starting a new signing key", row.kid());
            return null;
        }
    }
}
