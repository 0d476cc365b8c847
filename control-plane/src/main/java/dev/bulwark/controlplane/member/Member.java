package dev.bulwark.controlplane.member;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bulwark.controlplane.kernel.Role;
import java.time.Instant;
import java.util.UUID;

/** A person's membership in the caller's tenant, as the API shows it. */
public record Member(UUID userId, String email, String displayName, Role role, Instant joinedAt, @JsonIgnore long version) {
}
