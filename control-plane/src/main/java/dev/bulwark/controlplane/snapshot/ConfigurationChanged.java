package dev.bulwark.controlplane.snapshot;

/**
 * Published (after commit) by whatever changes gateway configuration; the snapshot publisher then
 * recompiles the environment. {@code environment} null means every environment.
 */
public record ConfigurationChanged(String environment) {
    public static ConfigurationChanged everywhere() {
        return new ConfigurationChanged(null);
    }
}
