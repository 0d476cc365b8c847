package dev.bulwark.controlplane.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The weakest role allowed to call an endpoint. Every {@code /api/v1} route must carry this or
 * {@link PublicEndpoint}; a route with neither is refused (deny by default).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    Role value();
}
