package dev.bulwark.controlplane.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository over a platform table: one whose rows belong to no tenant (a person across
 * tenants, a data plane, a revoked session). Such a repository is exempt from the rule that every
 * method takes a {@link TenantId}, and in exchange may never touch tenant data: its row has no
 * tenant, its table has no {@code tenant_id} column, no method takes a {@link TenantId} and no query
 * names {@code tenant_id}, and it stays package-private to its feature (RepositoryTenancyTest and
 * PlatformTablesTest check all of it). The value says why the table belongs to no tenant.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PlatformTable {
    /** Why the table's rows belong to no tenant. */
    String value();
}
