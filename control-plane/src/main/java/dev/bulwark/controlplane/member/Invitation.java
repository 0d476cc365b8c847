package dev.bulwark.controlplane.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.controlplane.kernel.Role;
import java.time.Instant;
import java.util.UUID;

/** An invitation as the API shows it; {@code token} only in the response that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Invitation(UUID id, String email, Role role, String token, Instant expiresAt, Instant createdAt) {
}
