package dev.bulwark.controlplane.identity;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code revoked_token}: a logged-out session token, kept until it would have expired anyway. */
@MappedEntity("revoked_token")
record RevokedTokenRow(@Id UUID jti, Instant expiresAt) {
}
