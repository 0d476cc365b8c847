package dev.bulwark.controlplane.automation;

import io.micronaut.core.annotation.Introspected;

/** A token just created: the only answer that carries {@code token}. */
@Introspected
public record IssuedAutomationToken(AutomationToken automationToken, String token) {
}
