package dev.bulwark.controlplane.kernel;

import jakarta.inject.Singleton;

/** {@link Environment} as its column spelling ({@code staging}, {@code production}). */
@Singleton
public class EnvironmentConverter extends LowerCaseEnumConverter<Environment> {
    public EnvironmentConverter() {
        super(Environment.class);
    }
}
