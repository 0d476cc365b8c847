package dev.bulwark.controlplane.domain;

import java.net.InetAddress;

/**
 * Which addresses the HTTP challenge may connect to. The production bean ({@link PublicAddressesOnly})
 * refuses everything that is not on the public internet, so that a claim cannot make the control
 * plane fetch from its own network; tests replace it to reach a challenge server on loopback.
 */
public interface ChallengeAddressPolicy {
    boolean permits(InetAddress address);
}
