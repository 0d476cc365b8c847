package dev.bulwark.dataplane.model;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.dataplane.upstream.AddressGuard;

/**
 * Builds the executable {@link Policy} for a validated configuration record. Called while a
 * snapshot is compiled, never per request. Configurations that are not executable (timeouts, read
 * by the proxy at compile time) are not passed here.
 *
 * <p>Implementations may throw {@link IllegalArgumentException} when a configuration cannot be
 * built; the snapshot is then refused and the one in force keeps serving.
 */
@FunctionalInterface
public interface PolicyFactory {
    Policy create(PolicyConfig config);

    /**
     * The policy of one API, whose outbound fetches (JWKS) may reach only the addresses
     * {@code addresses} allows. Factories whose policies fetch nothing ignore it.
     */
    default Policy create(PolicyConfig config, AddressGuard addresses) {
        return create(config);
    }

    /** A snapshot's compilation starts: what its policies share (caches, clients) is counted from here. */
    default void begin() {
    }

    /** The compiled snapshot goes into force: shared resources none of its policies use may be released. */
    default void commit() {
    }

    /** The compilation failed: the snapshot in force keeps everything it uses. */
    default void abandon() {
    }
}
