package dev.bulwark.controlplane.devportal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a developer-portal endpoint under {@code /api/devportal/v1/tenants/{slug}} that needs a
 * developer session of that tenant. Member sessions never satisfy it (and developer sessions never
 * satisfy {@code @RequiresRole}). The authentication filter enforces it through {@link DeveloperGate}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface DeveloperEndpoint {
}
