package dev.bulwark.controlplane.kernel;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Platform operators, as opposed to tenant members: data planes serve every tenant of an
 * environment, and private-upstream networks are the operator's, so both are platform concerns.
 * Configured by user id, {@code bulwark.platform.admin-user-ids} (env
 * {@code BULWARK_PLATFORM_ADMIN_USER_IDS}, comma-separated, each the {@code user.id} of
 * {@code GET /api/v1/me}); empty by default, which lets nobody in. Never by email: email addresses
 * are typed at sign-up and not verified, so an email setting made whoever registered the address
 * first (or a look-alike of it) an operator. The old email setting stops the start with a message.
 */
@Singleton
public class PlatformAdmins {
    private final Set<UUID> userIds;

    PlatformAdmins(@Value("${bulwark.platform.admin-user-ids:}") List<String> userIds,
                   @Value("${bulwark.platform.admin-emails:}") List<String> emails) {
        if (emails.stream().anyMatch(e -> !e.isBlank())) {
            throw new ConfigurationException("bulwark.platform.admin-emails (BULWARK_PLATFORM_ADMIN_EMAILS) is no longer read: "
                    + "list the administrators' user ids in bulwark.platform.admin-user-ids (BULWARK_PLATFORM_ADMIN_USER_IDS)");
        }
        this.userIds = userIds.stream().map(String::trim).filter(id -> !id.isEmpty()).map(PlatformAdmins::userId)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static UUID userId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("bulwark.platform.admin-user-ids: '" + text + "' is not a user id (a UUID)");
        }
    }

    public boolean isAdmin(Principal principal) {
        return principal != null && userIds.contains(principal.userId());
    }

    public void require(Principal principal) {
        if (!isAdmin(principal)) {
            throw new ProblemException(403, "PLATFORM_ADMIN_REQUIRED", "Forbidden",
                    "Only platform administrators (bulwark.platform.admin-user-ids) may do this", null);
        }
    }
}
