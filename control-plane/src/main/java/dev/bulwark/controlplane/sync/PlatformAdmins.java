package dev.bulwark.controlplane.sync;

import dev.bulwark.controlplane.identity.Principal;
import dev.bulwark.controlplane.web.ProblemException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Platform operators, as opposed to tenant members: data planes serve every tenant of an
 * environment, so their credentials are a platform concern. Configured as
 * {@code bulwark.platform.admin-emails} (env {@code BULWARK_PLATFORM_ADMIN_EMAILS}, comma-separated);
 * empty by default, which lets nobody in.
 */
@Singleton
public class PlatformAdmins {
    private final Set<String> emails;

    PlatformAdmins(@Value("${bulwark.platform.admin-emails:}") List<String> emails) {
        this.emails = emails.stream().map(String::trim).filter(e -> !e.isEmpty()).map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public void require(Principal principal) {
        if (principal == null || principal.email() == null || !emails.contains(principal.email().toLowerCase(Locale.ROOT))) {
            throw new ProblemException(403, "PLATFORM_ADMIN_REQUIRED", "Forbidden",
                    "Only platform administrators (bulwark.platform.admin-emails) may manage data-plane credentials", null);
        }
    }
}
