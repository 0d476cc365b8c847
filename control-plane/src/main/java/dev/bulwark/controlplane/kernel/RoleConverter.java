package dev.bulwark.controlplane.kernel;

import jakarta.inject.Singleton;

/** {@link Role} as its column spelling ({@code owner}, {@code viewer}). */
@Singleton
public class RoleConverter extends LowerCaseEnumConverter<Role> {
    public RoleConverter() {
        super(Role.class);
    }
}
