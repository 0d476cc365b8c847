package dev.bulwark.controlplane.domain;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.InetAddress;

/** Lets the HTTP challenge reach the test's server on loopback; production keeps {@link PublicAddressesOnly}. */
@Singleton
@Replaces(PublicAddressesOnly.class)
@Requires(property = "spec.name", value = "DomainClaimsHttpTest")
class LoopbackChallenges implements ChallengeAddressPolicy {
    @Override
    public boolean permits(InetAddress address) {
        return address.isLoopbackAddress() || new PublicAddressesOnly().permits(address);
    }
}
