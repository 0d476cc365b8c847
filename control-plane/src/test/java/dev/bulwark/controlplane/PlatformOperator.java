package dev.bulwark.controlplane;

import dev.bulwark.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

/**
 * A platform administrator as an operator configures one: an account whose user id is listed in
 * {@code bulwark.platform.admin-user-ids}. The id must be known before the application starts, so
 * the account is written here with that id (password {@link Api#PASSWORD}) as a member of an
 * existing tenant, then logs in like anyone else.
 */
public final class PlatformOperator {
    private PlatformOperator() {
    }

    public static Api.Session create(Api api, TestDatabase database, UUID userId, Api.Session memberOf, String tenantSlug) {
        return create(api, database, userId, "operator-" + userId + "@example.test", memberOf, tenantSlug);
    }

    public static Api.Session create(Api api, TestDatabase database, UUID userId, String email, Api.Session memberOf,
                                     String tenantSlug) {
        try (Connection connection = database.connect();
             PreparedStatement user = connection.prepareStatement(
                     "INSERT INTO app_user (id, email, display_name, password_hash) SELECT ?, ?, 'Operator', password_hash FROM app_user WHERE id = ?");
             PreparedStatement membership = connection.prepareStatement(
                     "INSERT INTO membership (tenant_id, user_id, role) VALUES (?, ?, 'owner')")) {
            user.setObject(1, userId);
            user.setString(2, email);
            user.setObject(3, memberOf.userId());
            user.executeUpdate();
            membership.setObject(1, memberOf.tenantId());
            membership.setObject(2, userId);
            membership.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return api.logIn(email, Api.PASSWORD, tenantSlug);
    }
}
