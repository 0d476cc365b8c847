package dev.bulwark.dataplane.upstream;

import dev.bulwark.contracts.net.Cidr;
import dev.bulwark.contracts.net.UpstreamAddresses;
import java.util.List;

/**
 * The addresses one API's upstreams and JWKS may be reached at: public ones, plus the non-public
 * networks its snapshot entry ({@code allowedPrivateCidrs}) names. Built once per API when a
 * snapshot is compiled.
 */
public record AddressGuard(List<Cidr> allowedPrivate) {
    /** Public addresses only. */
    public static final AddressGuard PUBLIC_ONLY = new AddressGuard(List.of());

    public AddressGuard {
        allowedPrivate = List.copyOf(allowedPrivate);
    }

    /** @throws IllegalArgumentException when an entry is not a numeric CIDR */
    public static AddressGuard of(List<String> allowedPrivateCidrs) {
        return allowedPrivateCidrs == null || allowedPrivateCidrs.isEmpty() ? PUBLIC_ONLY
                : new AddressGuard(UpstreamAddresses.parseAll(allowedPrivateCidrs));
    }

    /** Null when a connection to {@code address} is allowed, else why not. */
    public UpstreamAddresses.Refusal refusal(byte[] address) {
        return UpstreamAddresses.check(address, allowedPrivate);
    }
}
