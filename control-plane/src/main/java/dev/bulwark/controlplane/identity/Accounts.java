package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * People ({@code app_user}) and their memberships. Emails are stored and compared in {@link Emails#normalise} form.
 * {@code app_user} is a platform table ({@link AppUserRepository}); memberships are tenant rows
 * ({@link AccountMemberships}).
 */
@Singleton
public class Accounts {
    public record User(UUID id, String email, String displayName, String passwordHash) {
    }

    public record Membership(TenantId tenantId, String tenantSlug, String tenantName, Role role, Instant since) {
    }

    private final AppUserRepository users;
    private final AccountMemberships memberships;

    Accounts(AppUserRepository users, AccountMemberships memberships) {
        this.users = users;
        this.memberships = memberships;
    }

    @Transactional(readOnly = true)
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(Emails.normalise(email)).map(AppUserRow::toUser);
    }

    @Transactional(readOnly = true)
    public Optional<User> find(UUID id) {
        return users.findById(id).map(AppUserRow::toUser);
    }

    /** Oldest first, so a log-in without a tenant picks the tenant the person joined first. */
    @Transactional(readOnly = true)
    public List<Membership> memberships(UUID userId) {
        return memberships.tenantsOf(userId).stream()
                .map(row -> new Membership(new TenantId(row.tenantId()), row.slug(), row.name(), role(row.role()), row.createdAt()))
                .toList();
    }

    @Transactional
    public User createUser(String rawEmail, String displayName, String passwordHash) {
        AppUserRow row = new AppUserRow(UUID.randomUUID(), Emails.normalise(rawEmail), displayName, passwordHash);
        users.insert(row);
        return row.toUser();
    }

    @Transactional
    public void updatePasswordHash(UUID userId, String passwordHash) {
        users.updatePasswordHash(userId, passwordHash);
    }

    @Transactional
    public void addMembership(TenantId tenant, UUID userId, Role role) {
        memberships.insert(new AccountMembershipRow(tenant, userId, role));
    }

    public static Role role(String stored) {
        return Role.valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
