package dev.bulwark.controlplane.signup;

import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** POST /api/v1/signup. The password rules beyond presence are in PasswordPolicy. */
@Introspected
public record SignupCommand(
        @NotBlank @Size(max = 200) String tenantName,
        @NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,62}$", message = "must be 2-63 lower-case letters, digits or hyphens, starting with a letter or digit") String tenantSlug,
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull String password,
        @NotBlank @Size(max = 200) String displayName) {
}
