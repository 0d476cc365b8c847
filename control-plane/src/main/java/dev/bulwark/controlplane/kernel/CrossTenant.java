package dev.bulwark.controlplane.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository method that deliberately takes no {@link TenantId}, such as the lookup of a
 * key a gateway presents before anyone knows its tenant. Every other repository method is scoped
 * to one tenant (RepositoryTenancyTest fails otherwise); the value says why this one is not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CrossTenant {
    /** Why the query may see more than one tenant's rows. */
    String value();
}
