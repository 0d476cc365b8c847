package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * How a tenant's members may log in to the console: password (built-in), OIDC (the tenant's
 * Keycloak realm), or both. At least one stays on. Without a row: password only.
 * <p>Hand SQL: one small row per tenant, read on every log-in.
 */
@Singleton
public class LoginMethods {
    public record Methods(boolean password, boolean oidc) {
        public static final Methods DEFAULT = new Methods(true, false);
    }

    private final Sql sql;

    public LoginMethods(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public Methods of(TenantId tenant) {
        return sql.one("SELECT password_login, oidc_login FROM tenant_login_methods WHERE tenant_id = ?",
                row -> new Methods(row.getBoolean("password_login"), row.getBoolean("oidc_login")), tenant).orElse(Methods.DEFAULT);
    }

    @Transactional
    public void set(TenantId tenant, Methods methods) {
        sql.update("""
                INSERT INTO tenant_login_methods (tenant_id, password_login, oidc_login) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET password_login = excluded.password_login, oidc_login = excluded.oidc_login""",
                tenant, methods.password(), methods.oidc());
    }
}
