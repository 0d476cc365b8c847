package dev.bulwark.dataplane.upstream;

import dev.bulwark.contracts.net.UpstreamAddresses;

/** An upstream or JWKS host resolved to an address its API may not reach. Carries no address: it may reach a response. */
public final class ForbiddenAddressException extends RuntimeException {
    private final UpstreamAddresses.Refusal refusal;

    ForbiddenAddressException(UpstreamAddresses.Refusal refusal) {
        super("the upstream address is not allowed (" + refusal + ")", null, false, false);
        this.refusal = refusal;
    }

    public UpstreamAddresses.Refusal refusal() {
        return refusal;
    }
}
